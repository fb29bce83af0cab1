package dev.confab.ui.share;

import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.storage.SealedFiles;
import dev.confab.ui.common.Buttons;
import dev.confab.ui.common.UiText;
import dev.confab.ui.video.VideoView;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.transform.Transform;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The main stage while someone shares: the shared screen (fit to the window, or at 100 % with scroll bars),
 * who is sharing, and the annotation tools. "Save" writes the shared frame with its annotations as a PNG to
 * Confab's annotations folder (privacy center → Annotations); nothing is uploaded.
 *
 * <p>Feed it the decoded SCREEN pictures of the sharer ({@link #onFrame}, any thread).
 */
public final class ShareStage extends BorderPane implements VideoFrameListener {

    public enum Zoom { FIT, ACTUAL_SIZE }

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final UiText text;
    private final VideoView video = new VideoView();
    private final AnnotationOverlay overlay;
    private final StackPane picture;
    private final ScrollPane scroller;
    private final ObjectProperty<Zoom> zoom = new SimpleObjectProperty<>(Zoom.FIT);
    private final Label status = new Label();
    private final ToolBar tools;
    private final Label who = new Label();
    private final HBox zoomButtons;
    private final HBox header;
    private final HBox saving;
    private final Button save;
    private WhiteboardBar whiteboardBar;
    private Path saveFolder;
    private SealedFiles saveFiles = SealedFiles.PLAIN;
    private volatile int frameWidth;
    private volatile int frameHeight;

    /**
     * @param sharerName who is sharing, shown above the picture
     * @param publish    sends this user's annotations to the meeting (e.g. {@code a -> session.annotate(sharerId, a)})
     */
    public ShareStage(UiText text, int selfId, String sharerName, AnnotationModel model, Consumer<ShareAnnotation> publish) {
        this.text = text;
        getStyleClass().add("share-stage");
        setId("shareStage");
        overlay = new AnnotationOverlay(selfId, publish);
        overlay.setId("annotationOverlay");
        overlay.setModel(model);
        video.setId("shareVideo");
        picture = new StackPane(video, overlay);
        picture.setId("sharePicture");
        picture.setStyle("-fx-background-color: #202124;");
        scroller = new ScrollPane(picture);
        scroller.setId("shareScroller");
        scroller.setPannable(false);
        zoom.addListener((obs, old, now) -> applyZoom());
        applyZoom();

        who.setId("sharerName");
        who.textProperty().bind(text.bind("share.stage.sharing", sharerName));
        who.getStyleClass().add("title-4");
        // A long name gives way (ellipsis) to the controls beside it.
        who.setMinWidth(0);
        ToggleGroup zoomGroup = new ToggleGroup();
        ToggleButton fit = zoomButton("zoomFit", "share.stage.fit", Zoom.FIT, zoomGroup);
        ToggleButton actual = zoomButton("zoomActual", "share.stage.actualSize", Zoom.ACTUAL_SIZE, zoomGroup);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        zoomButtons = new HBox(8, fit, actual);
        header = new HBox(8, who, spring, zoomButtons);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 8, 6, 8));

        tools = annotationTools();
        setTop(header);
        setCenter(scroller);
        // The tools take the width that is left, so a narrow window folds them into the tool bar's overflow menu.
        tools.setMinWidth(0);
        // Save stays outside the tool bar: always reachable, also for viewers who may not draw.
        save = button("saveShare", "share.tool.save", this::save);
        saving = new HBox(8, status, save);
        saving.setAlignment(Pos.CENTER_RIGHT);
        saving.setPadding(new Insets(0, 8, 0, 0));
        setBottom(new BorderPane(tools, null, saving, null, null));
        status.setId("shareStatus");
        status.setPadding(new Insets(0, 8, 0, 8));
    }

    private ToggleButton zoomButton(String id, String key, Zoom value, ToggleGroup group) {
        ToggleButton button = new ToggleButton();
        button.setId(id);
        button.textProperty().bind(text.bind(key));
        button.setToggleGroup(group);
        button.setSelected(zoom.get() == value);
        button.setOnAction(e -> {
            zoom.set(value);
            button.setSelected(true);
        });
        return button;
    }

    /** The drawing tools as icons with tooltips, so that on a laptop screen Undo and Clear stay in the row. */
    private ToolBar annotationTools() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton pen = toolButton("toolPen", MaterialDesignP.PENCIL, "share.tool.pen", ShareAnnotation.Tool.PEN, group);
        pen.setSelected(true);
        ToggleButton highlighter = toolButton("toolHighlighter", MaterialDesignM.MARKER, "share.tool.highlighter",
                ShareAnnotation.Tool.HIGHLIGHTER, group);
        ToggleButton arrow = toolButton("toolArrow", MaterialDesignA.ARROW_TOP_RIGHT, "share.tool.arrow",
                ShareAnnotation.Tool.ARROW, group);
        ToggleButton textTool = toolButton("toolText", MaterialDesignF.FORMAT_TEXT, "share.tool.text",
                ShareAnnotation.Tool.TEXT, group);
        TextField words = new TextField();
        words.setId("annotationText");
        words.promptTextProperty().bind(text.bind("share.tool.textPrompt"));
        words.setPrefColumnCount(10);
        overlay.pendingTextProperty().bind(words.textProperty());
        ColorPicker color = new ColorPicker(overlay.colorProperty().get());
        color.setId("annotationColor");
        overlay.colorProperty().bind(color.valueProperty());
        Button undo = Buttons.icon(text, "annotationUndo", MaterialDesignU.UNDO, "share.tool.undo", overlay::undoOwn);
        Button clear = Buttons.icon(text, "annotationClear", MaterialDesignD.DELETE_SWEEP_OUTLINE, "share.tool.clear",
                overlay::clear);
        ToolBar bar = new ToolBar(pen, highlighter, arrow, textTool, words, color, undo, clear);
        bar.setId("annotationTools");
        return bar;
    }

    private ToggleButton toolButton(String id, Ikon icon, String key, ShareAnnotation.Tool tool, ToggleGroup group) {
        ToggleButton button = Buttons.iconOnly(new ToggleButton(), text, icon, key);
        button.setId(id);
        button.setToggleGroup(group);
        button.setOnAction(e -> {
            overlay.toolProperty().set(tool);
            button.setSelected(true);
        });
        return button;
    }

    private Button button(String id, String key, Runnable action) {
        return Buttons.of(text, id, key, action);
    }

    /**
     * Turns this stage into a whiteboard: a white 16:9 board drawn from the model instead of a shared picture, its
     * pages, and Save PNG/PDF into a folder the user picks (instead of the share's Save). The page and save controls
     * take the zoom buttons' place in the title row, not a row of their own: on a laptop screen the board is what
     * needs the height. FX thread.
     *
     * @param sharer whether this user shares the board (only the sharer turns pages)
     */
    public WhiteboardBar showWhiteboard(String sharerName, boolean sharer) {
        who.textProperty().bind(text.bind("share.stage.whiteboard", sharerName));
        video.setVisible(false);
        overlay.boardProperty().set(true);
        overlay.setFrameSize(WhiteboardExport.WIDTH, WhiteboardExport.HEIGHT);
        zoomButtons.setVisible(false);
        zoomButtons.setManaged(false);
        save.setVisible(false);
        save.setManaged(false);
        whiteboardBar = new WhiteboardBar(text, overlay, sharer);
        header.getChildren().add(whiteboardBar);
        saving.getChildren().setAll(whiteboardBar.status());
        return whiteboardBar;
    }

    /** The whiteboard's page and save controls, or null for a screen share. */
    public WhiteboardBar whiteboardBar() {
        return whiteboardBar;
    }

    /** Whether this user may draw (the sharer always; viewers when the sharer allows it). FX thread. */
    public void setAnnotationAllowed(boolean allowed) {
        overlay.drawingAllowedProperty().set(allowed);
        tools.getItems()
                .forEach(node -> node.setDisable(!allowed));
    }

    public ObjectProperty<Zoom> zoomProperty() {
        return zoom;
    }

    public AnnotationOverlay overlay() {
        return overlay;
    }

    public VideoView video() {
        return video;
    }

    /**
     * Where Save writes: Confab's annotations folder, so a saved picture is listed (viewed, exported, deleted)
     * under Annotations in the privacy center like everything else Confab stores.
     */
    public void setSaveFolder(Path folder, SealedFiles files) {
        saveFolder = folder;
        saveFiles = files;
    }

    @Override
    public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        if (width != frameWidth || height != frameHeight) {
            frameWidth = width;
            frameHeight = height;
            Platform.runLater(() -> {
                overlay.setFrameSize(width, height);
                applyZoom();
            });
        }
        video.onFrame(width, height, stride, bgra, captureTimeMicros);
    }

    private void applyZoom() {
        boolean fit = zoom.get() == Zoom.FIT;
        scroller.setFitToWidth(fit);
        scroller.setFitToHeight(fit);
        if (fit || frameWidth == 0) {
            picture.setMinSize(0, 0);
            picture.setPrefSize(Region.USE_COMPUTED_SIZE, Region.USE_COMPUTED_SIZE);
            picture.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        } else {
            picture.setMinSize(frameWidth, frameHeight);
            picture.setPrefSize(frameWidth, frameHeight);
            picture.setMaxSize(frameWidth, frameHeight);
        }
    }

    private void save() {
        if (saveFolder == null) {
            status.setText(text.get("share.save.failed"));
            return;
        }
        saveTo(saveFolder).whenComplete((file, error) -> Platform.runLater(() -> status.setText(error == null
                ? text.get("share.save.done", file.getFileName()) : text.get("share.save.failed"))));
    }

    /**
     * Writes the shared frame with its annotations, at the frame's own resolution, as a PNG in {@code folder}.
     * The snapshot is taken on the FX thread; encoding and the atomic write happen on a background thread.
     * Call on the FX thread.
     */
    public CompletableFuture<Path> saveTo(Path folder) {
        WritableImage image = snapshotAtFrameSize();
        Path file = folder.resolve("confab-share-" + LocalDateTime.now().format(FILE_TIME) + ".png");
        return CompletableFuture.supplyAsync(() -> {
            try {
                var bytes = new ByteArrayOutputStream();
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", bytes);
                saveFiles.write(file, bytes.toByteArray());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private WritableImage snapshotAtFrameSize() {
        Rectangle2D area = overlay.pictureArea();
        double scale = frameWidth > 0 && area.getWidth() > 0 ? frameWidth / area.getWidth() : 1;
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(Transform.scale(scale, scale));
        double width = frameWidth > 0 ? frameWidth : Math.max(1, area.getWidth());
        double height = frameHeight > 0 ? frameHeight : Math.max(1, area.getHeight());
        parameters.setViewport(new Rectangle2D(Math.floor(area.getMinX() * scale), Math.floor(area.getMinY() * scale),
                width, height));
        WritableImage shot = picture.snapshot(parameters, null);
        // A fractional viewport origin can add a row or column; crop to the frame's exact size.
        int w = (int) Math.min(width, shot.getWidth());
        int h = (int) Math.min(height, shot.getHeight());
        return w == shot.getWidth() && h == shot.getHeight() ? shot : new WritableImage(shot.getPixelReader(), w, h);
    }
}
