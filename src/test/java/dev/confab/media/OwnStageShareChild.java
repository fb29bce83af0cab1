package dev.confab.media;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM for {@link X11WindowShareTest}: shows a real JavaFX window (GTK, on the X display in DISPLAY) filled
 * with magenta at 100,100 (300x200), waits until it is painted (its own window capture shows magenta), then
 * shares the whole 640x480 screen as Confab does and prints {@code PIXELS <inside> <outside>}: the shared colour
 * in the middle of its own window and beside it, as RRGGBB.
 */
public final class OwnStageShareChild {
    private OwnStageShareChild() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("prism.order", "sw");
        String display = System.getenv("DISPLAY");
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            Region fill = new Region();
            fill.setStyle("-fx-background-color: #e020e0;");
            Stage stage = new Stage();
            stage.setTitle("Confab — Team sync");
            stage.setScene(new Scene(fill, 300, 200));
            stage.setX(100);
            stage.setY(100);
            stage.setOnShown(e -> shown.countDown());
            stage.show();
        });
        if (!shown.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stage did not show");
        }
        WindowOnScreen own = X11WindowList.list(display).stream().filter(WindowOnScreen::ownedByThisProcess)
                .findFirst().orElseThrow(() -> new IllegalStateException("JavaFX's window has no _NET_WM_PID"));
        ScreenCaptureFactory screens = ScreenCaptureFactory.forX11Display(display);
        CaptureDevice window = new CaptureDevice(ScreenSource.x11WindowId(display, own.handle(), 300, 200), "own",
                CaptureDevice.Kind.SCREEN, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pixel(screens, window, 150, 100) != 0xE020E0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stage never painted");
            }
            Thread.sleep(100);
        }
        CaptureDevice screen = new CaptureDevice(ScreenSource.x11Id(display, 0, 0, 640, 480), "Screen 1",
                CaptureDevice.Kind.SCREEN, false);
        System.out.printf("PIXELS %06x %06x%n", pixel(screens, screen, 250, 200), pixel(screens, screen, 500, 200));
        System.exit(0);
    }

    /** The colour at x,y of the first picture of {@code device}, as 0xRRGGBB. */
    private static int pixel(ScreenCaptureFactory screens, CaptureDevice device, int x, int y) throws Exception {
        CompletableFuture<Integer> colour = new CompletableFuture<>();
        try (Capture ignored = screens.openScreen(device, ScreenCaptureFactory.MAX_SHARE_FORMAT,
                (w, h, stride, bgra, time) -> colour.complete(rgb(bgra, y * stride + x * 4)))) {
            return colour.get(15, TimeUnit.SECONDS);
        }
    }

    private static int rgb(ByteBuffer bgra, int at) {
        return (bgra.get(at + 2) & 0xFF) << 16 | (bgra.get(at + 1) & 0xFF) << 8 | bgra.get(at) & 0xFF;
    }
}
