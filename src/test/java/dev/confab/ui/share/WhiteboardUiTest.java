package dev.confab.ui.share;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whiteboard as its sharer and a viewer use it: draw, turn pages, save PNG and PDF into a chosen folder. */
@UiTest
class WhiteboardUiTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private static final int SHARER = 1;
    private static final int VIEWER = 2;

    @TempDir
    Path folder;
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeEach
    void stage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
    }

    private ShareStage board(UiText text, int selfId, AnnotationModel model, List<ShareAnnotation> published)
            throws Exception {
        AtomicReference<ShareStage> created = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            ShareStage share = new ShareStage(text, selfId, "Alice", model, published::add);
            share.showWhiteboard("Alice", selfId == SHARER).setFolderChooser(() -> folder);
            stage.setScene(new Scene(new StackPane(share), 1100, 640));
            stage.show();
            created.set(share);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return created.get();
    }

    private Path saved(String suffix) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (var files = Files.list(folder)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
            }
        });
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    /** Whether any pixel near (x, y) has the pen's default colour #E53935. */
    private static boolean inkNear(BufferedImage image, int x, int y) {
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                int rgb = image.getRGB(x + dx, y + dy);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.abs(r - 0xE5) < 12 && Math.abs(g - 0x39) < 12 && Math.abs(b - 0x35) < 12) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theSharerDrawsAddsAPageGoesBackAndSavesThePageAsPngAndEveryPageAsPdf() throws Exception {
        AnnotationModel model = new AnnotationModel(SHARER);
        List<ShareAnnotation> published = new CopyOnWriteArrayList<>();
        board(new UiText(Locale.ENGLISH), SHARER, model, published);
        assertThat(robot.lookup("#sharerName").queryLabeled().getText()).isEqualTo("Whiteboard of Alice");
        assertThat(robot.lookup("#whiteboardPage").queryLabeled().getText()).isEqualTo("Page 1 of 1");
        assertThat(robot.lookup("#whiteboardPrevious").query().isDisabled()).isTrue();

        robot.moveTo("#annotationOverlay").press(MouseButton.PRIMARY).moveBy(60, 20).moveBy(60, 20)
                .release(MouseButton.PRIMARY);
        await().atMost(Duration.ofSeconds(5)).until(() -> model.shapes().size() == 1);

        robot.clickOn("#whiteboardAddPage");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#whiteboardPage").queryLabeled().getText().equals("Page 2 of 2"));
        assertThat(model.shapes()).as("a new page is blank").isEmpty();
        assertThat(published).contains(ShareAnnotation.page(1));
        robot.clickOn("#whiteboardPrevious");
        await().atMost(Duration.ofSeconds(5)).until(() -> model.page() == 0);
        assertThat(published.getLast()).as("everyone follows the sharer's page").isEqualTo(ShareAnnotation.page(0));

        robot.clickOn("#whiteboardSavePng");
        BufferedImage png = ImageIO.read(saved(".png").toFile());
        assertThat(png.getWidth()).isEqualTo(1920);
        assertThat(png.getHeight()).isEqualTo(1080);
        List<Double> stroke = model.shapes().getFirst().annotation().points();
        int x = (int) Math.round(stroke.getFirst() * 1920);
        int y = (int) Math.round(stroke.get(1) * 1080);
        assertThat(inkNear(png, x, y)).as("the stroke's colour where it starts").isTrue();
        assertThat(png.getRGB(40, 40) & 0xFFFFFF).as("the board is white elsewhere").isEqualTo(0xFFFFFF);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#whiteboardStatus").queryLabeled().getText().startsWith("Saved on this computer"));

        robot.clickOn("#whiteboardSavePdf");
        try (PDDocument pdf = Loader.loadPDF(saved(".pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).as("one PDF page per board page").isEqualTo(2);
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file is left")
                    .allMatch(name -> name.startsWith("confab-whiteboard-"));
        }
    }

    @Test
    void aViewerFollowsTheSharersPagesCannotTurnThemAndReadsTheBoardInChinese() throws Exception {
        AnnotationModel model = new AnnotationModel(SHARER);
        board(new UiText(Locale.SIMPLIFIED_CHINESE), VIEWER, model, new CopyOnWriteArrayList<>());
        assertThat(robot.lookup("#whiteboardAddPage").query().isVisible()).isFalse();
        assertThat(robot.lookup("#whiteboardNext").query().isVisible()).isFalse();
        assertThat(robot.lookup("#whiteboardSavePdf").query().isVisible()).as("viewers may save too").isTrue();

        model.apply(SHARER, ShareAnnotation.page(1)); // as if the sharer's page turn arrived
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#whiteboardPage").queryLabeled().getText().equals("第 2 页，共 2 页"));
        assertThat(robot.lookup("#sharerName").queryLabeled().getText()).isEqualTo("Alice 的白板");
    }

    @Test
    void thePickerOffersTheWhiteboardAndSaysWhetherOthersMayDraw() throws Exception {
        AtomicReference<Boolean> opened = new AtomicReference<>();
        AtomicReference<SharePicker> picker = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            SharePicker created = new SharePicker(new UiText(Locale.ENGLISH), ScreenCaptureFactory.syntheticOnly(),
                    choice -> { }, () -> { });
            created.setOnWhiteboard(opened::set);
            picker.set(created);
            stage.setScene(new Scene(created, 720, 480));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            robot.clickOn("#allowViewerAnnotation");
            robot.clickOn("#startWhiteboard");
            await().atMost(Duration.ofSeconds(5)).until(() -> opened.get() != null);
            assertThat(opened.get()).isTrue();
        } finally {
            picker.get().close();
        }
    }
}
