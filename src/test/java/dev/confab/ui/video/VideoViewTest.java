package dev.confab.ui.video;

import dev.confab.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class VideoViewTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private VideoView view;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void show() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            view = new VideoView();
            stage.setScene(new Scene(new StackPane(view), 320, 180));
            stage.show();
        });
    }

    /** A solid-colour BGRA frame, optionally with padding at the end of each row. */
    private static ByteBuffer frame(int w, int h, int stride, int rgb) {
        ByteBuffer b = ByteBuffer.allocateDirect(stride * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * stride + x * 4;
                b.put(i, (byte) (rgb & 0xff)).put(i + 1, (byte) ((rgb >> 8) & 0xff)).put(i + 2, (byte) ((rgb >> 16) & 0xff)).put(i + 3, (byte) 255);
            }
            for (int i = y * stride + w * 4; i < (y + 1) * stride; i++) {
                b.put(i, (byte) 0x7f); // padding that must never reach the picture
            }
        }
        return b;
    }

    private int shownPixel(int x, int y) {
        AtomicReference<Image> image = new AtomicReference<>();
        robot.interact(() -> image.set(((ImageView) view.getChildrenUnmodifiable().getFirst()).getImage()));
        return image.get().getPixelReader().getArgb(x, y) & 0xffffff;
    }

    @Test
    void aBurstFromAnotherThreadEndsOnTheNewestFrameAndDropsStaleOnes() throws Exception {
        int sent = 300;
        Thread producer = new Thread(() -> {
            ByteBuffer red = frame(64, 36, 256, 0xff0000);
            ByteBuffer blue = frame(64, 36, 256, 0x0000ff);
            for (int i = 0; i < sent; i++) {
                view.onFrame(64, 36, 256, i == sent - 1 ? red : blue, i);
            }
        });
        producer.start();
        producer.join();

        await().atMost(Duration.ofSeconds(15)).until(() -> view.framesShown() > 0 && shownPixel(10, 10) == 0xff0000);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.framesShown()).as("stale frames were dropped, not queued").isLessThan(sent);
        assertThat(shownPixel(63, 35)).as("row padding is not shown").isEqualTo(0xff0000);
        assertThat(view.showingPictureProperty().get()).isTrue();
    }

    @Test
    void aNewSizeIsPickedUpAndClearRemovesThePicture() {
        view.onFrame(64, 36, 256, frame(64, 36, 256, 0x00ff00), 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> view.framesShown() == 1);
        view.onFrame(32, 18, 128, frame(32, 18, 128, 0x123456), 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> view.framesShown() == 2);
        assertThat(shownPixel(31, 17)).isEqualTo(0x123456);

        view.clear();
        await().atMost(Duration.ofSeconds(15)).until(() -> !view.showingPictureProperty().get());
    }

    @Test
    void malformedFramesAreIgnored() {
        view.onFrame(64, 36, 100, frame(64, 36, 256, 0), 0); // stride shorter than a row
        view.onFrame(64, 36, 256, ByteBuffer.allocateDirect(16), 0); // buffer too small
        view.onFrame(0, 36, 256, frame(64, 36, 256, 0), 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.framesShown()).isZero();
    }

    @Test
    void selfViewIsMirrored() {
        robot.interact(() -> view.setMirrored(true));
        assertThat(view.isMirrored()).isTrue();
        robot.interact(() -> view.setMirrored(false));
        assertThat(view.isMirrored()).isFalse();
    }
}
