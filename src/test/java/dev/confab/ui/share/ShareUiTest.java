package dev.confab.ui.share;

import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class ShareUiTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private static final int SELF = 2;
    private static final int SHARER = 1;

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private final UiText text = new UiText(Locale.ENGLISH);
    private Stage stage;
    private SharePicker picker;

    @BeforeEach
    void stage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (picker != null) {
            picker.close();
        }
        FxToolkit.cleanupStages();
    }

    private void show(javafx.scene.Parent root, double width, double height) throws Exception {
        FxToolkit.setupFixture(() -> {
            stage.setScene(new Scene(root, width, height));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A BGRA picture: grey background with a dark block in the top-left quarter. */
    private static ByteBuffer picture(int width, int height) {
        ByteBuffer b = ByteBuffer.allocateDirect(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                byte v = (byte) (x < width / 4 && y < height / 4 ? 40 : 200);
                b.put(v).put(v).put(v).put((byte) 255);
            }
        }
        return b.flip();
    }

    @Test
    void thePickerShowsTheSyntheticScreenAndSharesOnlyWhenShareIsClicked() throws Exception {
        List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
        AtomicReference<SharePicker> created = new AtomicReference<>();
        FxToolkit.setupFixture(() -> created.set(new SharePicker(text, ScreenCaptureFactory.syntheticOnly(), chosen::add, () -> { })));
        picker = created.get();
        show(picker, 640, 420);

        await().atMost(Duration.ofSeconds(15)).until(picker::hasThumbnails);
        Button share = robot.lookup("#startShare").queryButton();
        assertThat(share.isDisabled()).as("nothing is chosen yet").isTrue();
        assertThat(chosen).isEmpty();

        robot.clickOn("#screenTile-1");
        assertThat(chosen).as("choosing a screen alone starts nothing").isEmpty();
        robot.clickOn("#allowViewerAnnotation");
        robot.clickOn("#startShare");
        assertThat(chosen).containsExactly(new SharePicker.Choice(ScreenCaptureFactory.SYNTHETIC_SCREEN, true, false));
    }

    @Test
    void computerSoundIsSharedOnlyWhenTickedAndTheUserIsToldItIgnoresMute() throws Exception {
        List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
        FxToolkit.setupFixture(() -> picker = new SharePicker(text, ScreenCaptureFactory.syntheticOnly(),
                ComputerSoundCapture.Availability.AVAILABLE, chosen::add, () -> { }));
        show(picker, 640, 480);

        CheckBox sound = robot.lookup("#shareComputerSound").queryAs(CheckBox.class);
        assertThat(sound.isDisabled()).isFalse();
        assertThat(sound.isSelected()).as("off until the user ticks it, every time").isFalse();
        assertThat(robot.lookup("#computerSoundNote").queryLabeled().getText())
                .contains("Computer sound is shared even when you are muted");
        robot.clickOn("#screenTile-1");
        robot.clickOn("#shareComputerSound");
        robot.clickOn("#startShare");
        assertThat(chosen).containsExactly(new SharePicker.Choice(ScreenCaptureFactory.SYNTHETIC_SCREEN, false, true));
    }

    @Test
    void withoutASoundServerComputerSoundIsDisabledWithTheReason() throws Exception {
        FxToolkit.setupFixture(() -> picker = new SharePicker(text, ScreenCaptureFactory.syntheticOnly(),
                ComputerSoundCapture.Availability.NO_SOUND_SERVER, choice -> { }, () -> { }));
        show(picker, 640, 480);

        assertThat(robot.lookup("#shareComputerSound").queryAs(CheckBox.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#computerSoundNote").queryLabeled().getText())
                .isEqualTo("Computer sound cannot be shared: no PulseAudio or PipeWire sound server is running.");
    }

    @Test
    void thePickerListsOtherProgramsWindowsByTitleAndSharesTheChosenWindowWhole() throws Exception {
        try (var desktop = dev.confab.testing.XvfbDisplay.start(800, 600)) {
            desktop.openWindow("Budget 2027 — Spreadsheet", 0xD02020, 20, 20, 300, 200, desktop.serverPid());
            desktop.openWindow("Confab — Team sync", 0xE020E0, 400, 300, 300, 200, ProcessHandle.current().pid());
            ScreenCaptureFactory screens = ScreenCaptureFactory.forX11Display(desktop.name());
            List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
            FxToolkit.setupFixture(() -> picker = new SharePicker(text, screens, chosen::add, () -> { }));
            show(picker, 640, 700);
            await().atMost(Duration.ofSeconds(15)).until(picker::allThumbnailsShown);

            assertThat(robot.lookup("#windowTiles .toggle-button").queryAll()).as("Confab's own window is not offered")
                    .hasSize(1);
            javafx.scene.control.ToggleButton tile = robot.lookup("#windowTile-1").queryAs(javafx.scene.control.ToggleButton.class);
            assertThat(tile.getText()).isEqualTo("Budget 2027 — Spreadsheet");
            assertThat(tile.getTooltip().getText()).isEqualTo("Budget 2027 — Spreadsheet");
            robot.clickOn(tile);
            assertThat(robot.lookup("#shareRegion").queryAs(javafx.scene.control.CheckBox.class).isDisabled())
                    .as("a window is shared whole").isTrue();
            robot.clickOn("#startShare");
            assertThat(chosen).hasSize(1);
            assertThat(dev.confab.media.ShareSourceKind.of(chosen.getFirst().screen()))
                    .isEqualTo(dev.confab.media.ShareSourceKind.WINDOW);
            assertThat(chosen.getFirst().screen().displayName()).isEqualTo("Budget 2027 — Spreadsheet");
        }
    }

    @Test
    void draggingOverTheScreenInThePickerSharesThatPartOnly() throws Exception {
        List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
        FxToolkit.setupFixture(() -> picker = new SharePicker(text, ScreenCaptureFactory.syntheticOnly(), chosen::add, () -> { }));
        show(picker, 640, 760);
        await().atMost(Duration.ofSeconds(15)).until(picker::hasThumbnails);
        robot.clickOn("#screenTile-1");
        robot.clickOn("#shareRegion");
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(robot.lookup("#regionSelector").query(), javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(120, 67), org.testfx.robot.Motion.DIRECT)
                .press(MouseButton.PRIMARY).moveBy(120, 67).moveBy(120, 67).release(MouseButton.PRIMARY);
        robot.clickOn("#startShare");

        assertThat(chosen).hasSize(1);
        var region = chosen.getFirst().screen();
        assertThat(region.id()).startsWith(ScreenCaptureFactory.SYNTHETIC_SCREEN.id() + "#");
        // The middle of the 480x268 picture is the middle of the 1920x1080 screen.
        String[] xywh = region.id().substring(region.id().indexOf('#') + 1).split(",");
        assertThat(Integer.parseInt(xywh[0])).isBetween(440, 520);
        assertThat(Integer.parseInt(xywh[2])).isBetween(900, 1020);
    }

    @Test
    void cancelSharesNothing() throws Exception {
        List<SharePicker.Choice> chosen = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        FxToolkit.setupFixture(() -> picker = new SharePicker(text, ScreenCaptureFactory.syntheticOnly(), chosen::add,
                cancelled::incrementAndGet));
        show(picker, 640, 420);
        robot.clickOn("#screenTile-1");
        robot.clickOn("#cancelShare");
        assertThat(cancelled).hasValue(1);
        assertThat(chosen).isEmpty();
    }

    private ShareStage stageWith(AnnotationModel model, List<ShareAnnotation> published) throws Exception {
        AtomicReference<ShareStage> created = new AtomicReference<>();
        FxToolkit.setupFixture(() -> created.set(new ShareStage(text, SELF, "Alice", model, published::add)));
        ShareStage share = created.get();
        show(new StackPane(share), 980, 560); // wide enough that no tool folds into the overflow menu
        share.onFrame(1600, 900, 1600 * 4, picture(1600, 900), 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> share.video().framesShown() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        return share;
    }

    @Test
    void theStageNamesTheSharerAndZoomsBetweenFitAndActualSize() throws Exception {
        ShareStage share = stageWith(new AnnotationModel(SHARER), new CopyOnWriteArrayList<>());
        assertThat(robot.lookup("#sharerName").queryLabeled().getText()).isEqualTo("Alice is sharing");
        Node picture = robot.lookup("#sharePicture").query();
        ScrollPane scroller = robot.lookup("#shareScroller").queryAs(ScrollPane.class);
        assertThat(picture.getLayoutBounds().getWidth()).as("fit: the picture fits the window")
                .isLessThanOrEqualTo(scroller.getViewportBounds().getWidth() + 1);

        robot.clickOn("#zoomActual");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(share.zoomProperty().get()).isEqualTo(ShareStage.Zoom.ACTUAL_SIZE);
        assertThat(picture.getLayoutBounds().getWidth()).as("100 %: one screen pixel per frame pixel").isEqualTo(1600);
        assertThat(picture.getLayoutBounds().getHeight()).isEqualTo(900);

        robot.clickOn("#zoomFit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(picture.getLayoutBounds().getWidth()).isLessThan(1600);
    }

    @Test
    void drawingWithTheMousePublishesAStrokeInSharedCoordinatesAndUndoRemovesIt() throws Exception {
        AnnotationModel model = new AnnotationModel(SHARER);
        List<ShareAnnotation> published = new CopyOnWriteArrayList<>();
        ShareStage share = stageWith(model, published);

        robot.moveTo("#annotationOverlay").press(MouseButton.PRIMARY).moveBy(60, 20).moveBy(60, 20)
                .release(MouseButton.PRIMARY);
        await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
        ShareAnnotation stroke = published.getFirst();
        assertThat(stroke.op()).isEqualTo(ShareAnnotation.Op.STROKE);
        assertThat(stroke.tool()).isEqualTo(ShareAnnotation.Tool.PEN);
        assertThat(stroke.problem()).as("valid for the server").isNull();
        // Started at the overlay's centre, which is the centre of the shared frame.
        assertThat(stroke.points().get(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(stroke.points().get(1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
        assertThat(stroke.points().get(stroke.points().size() - 2)).isGreaterThan(0.55);
        assertThat(model.shapes()).extracting(AnnotationModel.Shape::authorId).containsExactly(SELF);

        robot.clickOn("#annotationUndo");
        await().atMost(Duration.ofSeconds(5)).until(() -> published.getLast().equals(ShareAnnotation.undo(stroke.id())));
        await().atMost(Duration.ofSeconds(5)).until(() -> model.shapes().isEmpty());
        assertThat(share.overlay().model()).isSameAs(model);
    }

    @Test
    void aViewerWhoMayNotAnnotateDrawsNothing() throws Exception {
        List<ShareAnnotation> published = new CopyOnWriteArrayList<>();
        ShareStage share = stageWith(new AnnotationModel(SHARER), published);
        robot.interact(() -> share.setAnnotationAllowed(false));
        robot.moveTo("#annotationOverlay").press(MouseButton.PRIMARY).moveBy(80, 30).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).isEmpty();
        assertThat(robot.lookup("#toolPen").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#saveShare").query().isDisabled()).as("saving stays possible").isFalse();
    }

    @Test
    void saveWritesAPngOfTheFrameWithItsAnnotationsAtTheFramesResolution() throws Exception {
        AnnotationModel model = new AnnotationModel(SHARER);
        model.apply(SHARER, ShareAnnotation.stroke("s", ShareAnnotation.Tool.PEN, "#FF0000", 0.01, List.of(0.5, 0.1, 0.5, 0.9)));
        ShareStage share = stageWith(model, new CopyOnWriteArrayList<>());
        robot.interact(() -> share.setSaveFolder(dir, dev.confab.storage.SealedFiles.PLAIN));
        robot.clickOn("#saveShare");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (var files = Files.list(dir)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".png"));
            }
        });
        Path png;
        try (var files = Files.list(dir)) {
            png = files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow();
        }
        BufferedImage saved = ImageIO.read(png.toFile());
        assertThat(saved.getWidth()).isEqualTo(1600);
        assertThat(saved.getHeight()).isEqualTo(900);
        int centre = saved.getRGB(800, 450) & 0xFFFFFF;
        assertThat((centre >> 16) & 0xFF).as("the red stroke is in the picture").isGreaterThan(200);
        assertThat(centre & 0xFF).isLessThan(80);
        int block = saved.getRGB(100, 100) & 0xFF;
        assertThat(block).as("the shared picture is in it too").isLessThan(80);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#shareStatus").queryLabeled().getText().startsWith("Saved"));
    }

    @Test
    void theBannerStopsTheShareAndItsStopWindowStaysOnTop() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        AtomicReference<SharingBanner> created = new AtomicReference<>();
        List<Boolean> choices = new CopyOnWriteArrayList<>();
        FxToolkit.setupFixture(() -> created.set(new SharingBanner(text, stops::incrementAndGet, false, choices::add)));
        SharingBanner banner = created.get();
        show(new StackPane(banner), 900, 80);
        assertThat(robot.lookup("#sharingMessage").queryLabeled().getText()).isEqualTo("You are sharing your screen");
        robot.interact(() -> banner.showComputerSound(true));
        assertThat(robot.lookup("#sharingMessage").queryLabeled().getText())
                .isEqualTo("You are sharing your screen and computer sound");
        robot.interact(() -> banner.showComputerSound(false));
        assertThat(robot.lookup("#sharingMessage").queryLabeled().getText()).isEqualTo("You are sharing your screen");
        robot.clickOn("#bannerAllowAnnotation");
        assertThat(choices).containsExactly(true);
        robot.clickOn("#stopSharing");
        assertThat(stops).hasValue(1);

        robot.interact(banner::showFloatingStop);
        assertThat(banner.floatingStop().isAlwaysOnTop()).isTrue();
        assertThat(banner.floatingStop().isShowing()).isTrue();
        robot.interact(banner::hideFloatingStop);
        assertThat(banner.floatingStop()).isNull();
    }

    @Test
    void sharingAWaylandScreenMinimizesConfabsWindowUntilTheShareEndsButAWindowShareDoesNot() throws Exception {
        show(new StackPane(new javafx.scene.control.Label("Meeting")), 400, 300);
        OwnWindowHider hider = new OwnWindowHider();

        robot.interact(() -> assertThat(hider.hideFor(ScreenCaptureFactory.PORTAL_WINDOW, stage)).isFalse());
        assertThat(stage.isIconified()).as("a single window shared: Confab stays").isFalse();

        robot.interact(() -> assertThat(hider.hideFor(ScreenCaptureFactory.PORTAL_SCREEN, stage)).isTrue());
        assertThat(stage.isIconified()).as("the whole screen shared on Wayland: Confab is out of the picture").isTrue();
        robot.interact(hider::restore);
        assertThat(stage.isIconified()).as("back when the share ends").isFalse();

        robot.interact(() -> stage.setIconified(true)); // the user minimized it before sharing
        robot.interact(() -> assertThat(hider.hideFor(ScreenCaptureFactory.PORTAL_SCREEN, stage)).isFalse());
        robot.interact(hider::restore);
        assertThat(stage.isIconified()).as("only a window the hider minimized comes back").isTrue();
    }
}
