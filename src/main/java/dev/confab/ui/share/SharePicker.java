package dev.confab.ui.share;

import dev.confab.media.CaptureDevice;
import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * "Share your screen or a window": one tile per screen, then one per application window (title under its
 * picture), each with a live thumbnail (refreshed about once a second off the FX thread), an explanation where the
 * desktop limits capture (Wayland, macOS windows), and Share / Cancel. Confab's own windows are not offered. Sharing
 * starts only when the user presses Share; the choice is never remembered, so every share is a fresh decision.
 */
public final class SharePicker extends BorderPane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharePicker.class);
    private static final int THUMB_WIDTH = 240;
    private static final int THUMB_HEIGHT = 136;
    /** More windows than this would make each thumbnail refresh slow; the rest are rarely what one shares. */
    private static final int MAX_WINDOWS = 24;

    /** What the user chose. {@code computerSound} is off unless ticked, every time (not remembered, like Zoom). */
    public record Choice(CaptureDevice screen, boolean allowViewerAnnotation, boolean computerSound) {
    }

    private final ScreenCaptureFactory screens;
    private final ToggleGroup tiles = new ToggleGroup();
    private final Map<CaptureDevice, ImageView> thumbnails = new HashMap<>();
    private final ScheduledExecutorService refresher;
    private Runnable onClose = () -> { };
    private final Button whiteboard = new Button();
    private Consumer<Boolean> onWhiteboard;

    public SharePicker(UiText text, ScreenCaptureFactory screens, Consumer<Choice> onShare, Runnable onCancel) {
        this(text, screens, ComputerSoundCapture.availability(), onShare, onCancel);
    }

    /** @param sound whether "Share computer sound" can be offered here, and if not, why (shown instead) */
    public SharePicker(UiText text, ScreenCaptureFactory screens, ComputerSoundCapture.Availability sound,
                       Consumer<Choice> onShare, Runnable onCancel) {
        this.screens = screens;
        setId("sharePicker");
        setPadding(new Insets(16));
        Label title = new Label();
        title.textProperty().bind(text.bind("share.picker.title"));
        title.getStyleClass().add("title-3");

        FlowPane tilePane = new FlowPane(12, 12);
        tilePane.setId("screenTiles");
        List<CaptureDevice> available = screens.screens();
        for (CaptureDevice screen : available) {
            tilePane.getChildren().add(tile(screen, text, "screenTile-" + (tilePane.getChildren().size() + 1)));
        }
        FlowPane windowPane = new FlowPane(12, 12);
        windowPane.setId("windowTiles");
        List<CaptureDevice> windowList = screens.windows();
        windowList.stream().limit(MAX_WINDOWS).forEach(window -> windowPane.getChildren()
                .add(tile(window, text, "windowTile-" + (windowPane.getChildren().size() + 1))));
        VBox sources = new VBox(8, heading(text, "share.picker.screens"), tilePane, heading(text, "share.picker.windows"));
        if (windowList.isEmpty()) {
            Label none = new Label();
            none.setId("noWindows");
            none.setWrapText(true);
            none.setMaxWidth(520);
            // The same reason as the notice at the top is not said twice.
            var windowLimit = screens.windowLimitation();
            none.textProperty().bind(windowLimit.isPresent() && windowLimit.equals(screens.limitation())
                    ? text.bind("share.picker.noWindowsSeeAbove")
                    : windowLimit.map(limit -> text.bind("share.limitation." + limit.name()))
                            .orElseGet(() -> text.bind("share.picker.noWindows")));
            none.getStyleClass().add("text-muted");
            sources.getChildren().add(none);
        } else {
            sources.getChildren().add(windowPane);
        }
        ScrollPane scroller = new ScrollPane(sources);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("edge-to-edge");
        VBox top = new VBox(8, title);
        screens.limitation().ifPresent(limit -> {
            Label notice = new Label();
            notice.setId("shareLimitation");
            notice.setWrapText(true);
            notice.setMaxWidth(520);
            notice.textProperty().bind(text.bind("share.limitation." + limit.name()));
            notice.getStyleClass().add("warning");
            top.getChildren().add(notice);
        });
        Label windows = new Label();
        windows.setId("windowsNote");
        windows.setWrapText(true);
        windows.setMaxWidth(520);
        ScreenCaptureFactory.OwnWindows ownWindows = screens.ownWindowsInASharedScreen();
        windows.textProperty().bind(text.bind(ownWindows == ScreenCaptureFactory.OwnWindows.PAINTED_OVER
                ? "share.picker.windowsNote" : "share.picker.windowsNote." + ownWindows.name()));
        windows.getStyleClass().add("text-muted");

        CheckBox partOnly = new CheckBox();
        partOnly.setId("shareRegion");
        partOnly.textProperty().bind(text.bind("share.picker.region"));
        RegionSelector region = new RegionSelector(THUMB_WIDTH * 2, THUMB_HEIGHT * 2);
        region.visibleProperty().bind(partOnly.selectedProperty().and(tiles.selectedToggleProperty().isNotNull()));
        region.managedProperty().bind(region.visibleProperty());
        tiles.selectedToggleProperty().addListener((obs, old, now) -> {
            region.reset();
            boolean cropable = now != null
                    && screens.region((CaptureDevice) now.getUserData(), 0, 0, 0.5, 0.5).isPresent();
            partOnly.setDisable(!cropable);
            if (!cropable) {
                partOnly.setSelected(false);
            }
            region.imageProperty().unbind();
            if (now != null) {
                region.imageProperty().bind(thumbnails.get((CaptureDevice) now.getUserData()).imageProperty());
            }
        });

        CheckBox annotate = new CheckBox();
        annotate.setId("allowViewerAnnotation");
        annotate.textProperty().bind(text.bind("share.picker.allowAnnotation"));
        CheckBox computerSound = new CheckBox();
        computerSound.setId("shareComputerSound");
        computerSound.textProperty().bind(text.bind("share.picker.computerSound"));
        computerSound.setDisable(sound != ComputerSoundCapture.Availability.AVAILABLE);
        Label soundNote = new Label();
        soundNote.setId("computerSoundNote");
        soundNote.setWrapText(true);
        soundNote.setMaxWidth(520);
        soundNote.textProperty().bind(sound == ComputerSoundCapture.Availability.AVAILABLE
                ? text.bind("share.picker.computerSoundNote")
                : text.bind("share.computerSound.unavailable." + sound.name()));
        soundNote.getStyleClass().add("text-muted");
        Button share = new Button();
        share.setId("startShare");
        share.textProperty().bind(text.bind("share.picker.share"));
        share.setDefaultButton(true);
        share.disableProperty().bind(tiles.selectedToggleProperty().isNull());
        share.setOnAction(e -> {
            CaptureDevice chosen = (CaptureDevice) tiles.getSelectedToggle().getUserData();
            Rectangle2D part = region.selectionProperty().get();
            if (partOnly.isSelected() && part != null) {
                chosen = screens.region(chosen, part.getMinX(), part.getMinY(), part.getMaxX(), part.getMaxY())
                        .orElse(chosen);
            }
            close();
            onShare.accept(new Choice(chosen, annotate.isSelected(), computerSound.isSelected()));
        });
        Button cancel = new Button();
        cancel.setId("cancelShare");
        cancel.textProperty().bind(text.bind("share.picker.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            close();
            onCancel.run();
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        whiteboard.setId("startWhiteboard");
        whiteboard.textProperty().bind(text.bind("share.picker.whiteboard"));
        whiteboard.setVisible(false);
        whiteboard.setManaged(false);
        whiteboard.setOnAction(e -> {
            close();
            onWhiteboard.accept(annotate.isSelected());
        });
        HBox buttons = new HBox(8, annotate, spring, whiteboard, cancel, share);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        setTop(top);
        setCenter(scroller);
        setBottom(new VBox(8, partOnly, region, windows, new VBox(2, computerSound, soundNote), buttons));
        BorderPane.setMargin(scroller, new Insets(12, 0, 12, 0));

        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("share-thumbnails").factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        refresher = executor;
        refresher.scheduleWithFixedDelay(this::refreshThumbnails, 0, 1, TimeUnit.SECONDS);
    }

    private static Label heading(UiText text, String key) {
        Label heading = new Label();
        heading.textProperty().bind(text.bind(key));
        heading.getStyleClass().add("text-bold");
        return heading;
    }

    private ToggleButton tile(CaptureDevice screen, UiText text, String id) {
        ImageView thumb = new ImageView();
        thumb.setFitWidth(THUMB_WIDTH);
        thumb.setFitHeight(THUMB_HEIGHT);
        thumb.setPreserveRatio(true);
        thumbnails.put(screen, thumb);
        // Nothing can be shown before the system dialog's choice: an icon says "a screen", "a window".
        boolean portal = screen.equals(ScreenCaptureFactory.PORTAL_SCREEN) || screen.equals(ScreenCaptureFactory.PORTAL_WINDOW);
        ToggleButton tile = new ToggleButton(screen.displayName(), portal ? portalIcon(screen) : thumb);
        if (screen.synthetic()) {
            tile.textProperty().bind(text.bind("share.picker.testScreen"));
        } else {
            tile.setText(screenName(screen.displayName(), text));
        }
        tile.setId(id);
        tile.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        tile.setTooltip(new Tooltip(screen.displayName())); // a long window title, whole
        tile.getStyleClass().add("screen-tile");
        tile.setContentDisplay(ContentDisplay.TOP);
        tile.setUserData(screen);
        tile.setToggleGroup(tiles);
        tile.setPrefSize(THUMB_WIDTH + 16, THUMB_HEIGHT + 40);
        return tile;
    }

    private static javafx.scene.Node portalIcon(CaptureDevice source) {
        org.kordamp.ikonli.javafx.FontIcon icon = new org.kordamp.ikonli.javafx.FontIcon(
                source.equals(ScreenCaptureFactory.PORTAL_SCREEN) ? org.kordamp.ikonli.materialdesign2.MaterialDesignM.MONITOR_SHARE
                        : org.kordamp.ikonli.materialdesign2.MaterialDesignA.APPLICATION_OUTLINE);
        icon.setIconSize(64);
        StackPane box = new StackPane(icon);
        box.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
        return box;
    }

    private static final java.util.regex.Pattern NUMBERED_SCREEN = java.util.regex.Pattern.compile("Screen (\\d+) \\((\\d+x\\d+)\\)");

    /**
     * The media layer names screens in English ("Entire screen", "Screen 2 (1920x1080)"); they are shown in the
     * window's language. A window's title is shown as it is.
     */
    static String screenName(String displayName, UiText text) {
        if (displayName.equals("Entire screen")) {
            return text.get("share.picker.entireScreen");
        }
        if (displayName.equals(ScreenCaptureFactory.PORTAL_SCREEN.displayName())) {
            return text.get("share.picker.portalScreen");
        }
        if (displayName.equals(ScreenCaptureFactory.PORTAL_WINDOW.displayName())) {
            return text.get("share.picker.portalWindow");
        }
        java.util.regex.Matcher numbered = NUMBERED_SCREEN.matcher(displayName);
        return numbered.matches() ? text.get("share.picker.screenNumber", numbered.group(1), numbered.group(2)) : displayName;
    }

    private void refreshThumbnails() {
        for (Map.Entry<CaptureDevice, ImageView> entry : Map.copyOf(thumbnails).entrySet()) {
            try {
                ScreenCaptureFactory.Thumbnail shot = screens.thumbnail(entry.getKey(), THUMB_WIDTH, THUMB_HEIGHT);
                Platform.runLater(() -> entry.getValue().setImage(toImage(shot)));
            } catch (MediaException e) {
                LOG.debug("No thumbnail for {}: {}", entry.getKey().displayName(), e.getMessage());
            }
        }
    }

    private static WritableImage toImage(ScreenCaptureFactory.Thumbnail shot) {
        WritableImage image = new WritableImage(shot.width(), shot.height());
        image.getPixelWriter().setPixels(0, 0, shot.width(), shot.height(), PixelFormat.getByteBgraPreInstance(),
                shot.bgra(), 0, shot.width() * 4);
        return image;
    }

    /**
     * Offers Share → Whiteboard: a blank board instead of a screen; {@code onOpen} gets whether others may draw.
     * FX thread.
     */
    public void setOnWhiteboard(Consumer<Boolean> onOpen) {
        onWhiteboard = onOpen;
        whiteboard.setVisible(onOpen != null);
        whiteboard.setManaged(onOpen != null);
    }

    /** True once at least one tile shows a thumbnail. FX thread. */
    public boolean hasThumbnails() {
        return thumbnails.values().stream().anyMatch(view -> view.getImage() != null);
    }

    /** True once every tile shows a thumbnail. FX thread. */
    public boolean allThumbnailsShown() {
        return thumbnails.values().stream().allMatch(view -> view.getImage() != null);
    }

    /** Stops the thumbnail refresh (also done by Share and Cancel). */
    @Override
    public void close() {
        refresher.shutdownNow();
        onClose.run();
    }

    /** Shows the picker as a modal dialog over {@code owner}. Call from the user's click on "Share screen". */
    public static SharePicker showDialog(Window owner, UiText text, ScreenCaptureFactory screens,
                                         ComputerSoundCapture.Availability sound, Consumer<Choice> onShare) {
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.titleProperty().bind(text.bind("share.picker.title"));
        SharePicker picker = new SharePicker(text, screens, sound, onShare, () -> { });
        picker.onClose = dialog::close;
        dialog.setOnHidden(e -> picker.refresher.shutdownNow());
        dialog.setScene(new Scene(picker));
        dialog.show();
        return picker;
    }
}
