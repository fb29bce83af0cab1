package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import dev.confab.testing.XvfbDisplay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sharing one window and keeping Confab out of a shared screen, on a real X server (Xvfb) with real windows of
 * known colours, captured by FFmpeg's x11grab: the pictures are checked pixel by pixel.
 */
@IntegrationTest
class X11WindowShareTest {
    private static final int RED = 0xD02020;
    private static final int BLUE = 0x2040E0;
    private static final int MAGENTA = 0xE020E0;

    private static XvfbDisplay display;
    private static ScreenCaptureFactory factory;
    private static long reportWindow;

    @BeforeAll
    static void desktopWithThreeWindows() throws Exception {
        display = XvfbDisplay.start(640, 480);
        factory = ScreenCaptureFactory.forX11Display(display.name());
        long other = display.serverPid();
        display.openWindow("Notes — Text editor", BLUE, 0, 0, 640, 480, other);
        reportWindow = display.openWindow("Quarterly report.ods", RED, 40, 60, 200, 120, other);
        display.openWindow("Confab — Team sync", MAGENTA, 400, 300, 160, 100, ProcessHandle.current().pid());
        long panel = display.openWindow("Top panel", BLUE, 0, 0, 640, 24, other); // blue on blue: the screen looks the same
        display.setWindowType(panel, "_NET_WM_WINDOW_TYPE_DOCK");
    }

    @AfterAll
    static void closeDisplay() throws Exception {
        if (display != null) {
            display.close();
        }
    }

    @Test
    void theWindowListShowsOtherProgramsWindowsByTitleButNeverConfabsOwnNorThePanel() {
        assertThat(factory.windows()).extracting(CaptureDevice::displayName)
                .containsExactlyInAnyOrder("Notes — Text editor", "Quarterly report.ods");
        CaptureDevice report = factory.windowTitled("Quarterly").orElseThrow();
        assertThat(ShareSourceKind.of(report)).isEqualTo(ShareSourceKind.WINDOW);
        assertThat(factory.windowTitled("Confab")).as("own window cannot be picked").isEmpty();
    }

    @Test
    void sharingOneWindowShowsThatWindowOnlyAndFollowsItWhenMoved() throws Exception {
        CaptureDevice report = factory.windowTitled("Quarterly report.ods").orElseThrow();
        Picture first = firstPicture(report);
        assertThat(first.width()).isEqualTo(200);
        assertThat(first.height()).isEqualTo(120);
        assertThat(first.share(RED)).as("the whole picture is the red window, no blue editor around it").isEqualTo(1.0);

        display.moveWindow(reportWindow, 300, 40); // clear of the other windows: X11 shows what covers a window
        Picture moved = firstPicture(report);
        assertThat(moved.width()).isEqualTo(200);
        assertThat(moved.share(RED)).as("still that window after it moved").isEqualTo(1.0);
        display.moveWindow(reportWindow, 40, 60);
    }

    @Test
    void aSharedScreenShowsOtherWindowsButPaintsOverConfabsOwn() throws Exception {
        CaptureDevice screen = new CaptureDevice(ScreenSource.x11Id(display.name(), 0, 0, 640, 480), "Screen 1",
                CaptureDevice.Kind.SCREEN, false);
        Picture shot = firstPicture(screen);
        assertThat(shot.width()).isEqualTo(640);
        assertThat(shot.rgbAt(100, 100)).as("another program's window is shared").isEqualTo(RED);
        assertThat(shot.rgbAt(10, 400)).isEqualTo(BLUE);
        assertThat(shot.share(MAGENTA)).as("nothing of Confab's window shows").isZero();
        int cover = rgb(OwnWindowMask.COVER);
        assertThat(shot.rgbAt(480, 350)).as("covered where Confab's window is").isEqualTo(cover);
        assertThat(shot.rgbAt(400, 300)).isEqualTo(cover);
        assertThat(shot.rgbAt(559, 399)).isEqualTo(cover);
        assertThat(shot.rgbAt(561, 401)).isEqualTo(BLUE);
    }

    @Test
    void aRegionOfTheScreenIsMaskedInItsOwnCoordinates() throws Exception {
        CaptureDevice screen = new CaptureDevice(ScreenSource.x11Id(display.name(), 0, 0, 640, 480), "Screen 1",
                CaptureDevice.Kind.SCREEN, false);
        CaptureDevice lowerRight = factory.region(screen, 0.5, 0.5, 1, 1).orElseThrow();
        assertThat(ShareSourceKind.of(lowerRight)).isEqualTo(ShareSourceKind.REGION);
        Picture shot = firstPicture(lowerRight); // (320,240)..(640,480): Confab's window at (80,60) in it
        assertThat(shot.width()).isEqualTo(320);
        assertThat(shot.share(MAGENTA)).isZero();
        assertThat(shot.rgbAt(80 + 80, 60 + 50)).isEqualTo(rgb(OwnWindowMask.COVER));
        assertThat(shot.rgbAt(10, 10)).isEqualTo(BLUE);
    }

    @Test
    void aRealConfabWindowIsCoveredInTheSharedScreen() throws Exception {
        // A JavaFX stage (GTK) in a process of its own, sharing its screen: GTK marks the stage with the process id,
        // so the share covers it without knowing anything about JavaFX.
        try (ChildJvm child = ChildJvm.start(java.util.Map.of("DISPLAY", display.name()), OwnStageShareChild.class)) {
            String[] pixels = child.awaitLine("PIXELS", 90).split(" ");
            assertThat(Integer.parseInt(pixels[1], 16)).as("inside Confab's window").isEqualTo(rgb(OwnWindowMask.COVER));
            assertThat(Integer.parseInt(pixels[2], 16)).as("beside it: the desktop as it is").isEqualTo(BLUE);
        }
    }

    private static int rgb(byte[] bgra) {
        return (bgra[2] & 0xFF) << 16 | (bgra[1] & 0xFF) << 8 | bgra[0] & 0xFF;
    }

    private static Picture firstPicture(CaptureDevice device) throws Exception {
        AtomicReference<Picture> seen = new AtomicReference<>();
        try (Capture ignored = factory.openScreen(device, ScreenCaptureFactory.MAX_SHARE_FORMAT,
                (w, h, stride, bgra, time) -> seen.compareAndSet(null, Picture.copyOf(w, h, stride, bgra)))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> seen.get() != null);
        }
        return seen.get();
    }

    /** One captured picture, as 0xRRGGBB per pixel. */
    private record Picture(int width, int height, int[] rgb) {
        static Picture copyOf(int width, int height, int stride, ByteBuffer bgra) {
            int[] rgb = new int[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = y * stride + x * 4;
                    rgb[y * width + x] = (bgra.get(at + 2) & 0xFF) << 16 | (bgra.get(at + 1) & 0xFF) << 8 | bgra.get(at) & 0xFF;
                }
            }
            return new Picture(width, height, rgb);
        }

        int rgbAt(int x, int y) {
            return rgb[y * width + x];
        }

        /** The fraction of pixels of exactly this colour. */
        double share(int colour) {
            return (double) java.util.Arrays.stream(rgb).filter(p -> p == colour).count() / rgb.length;
        }
    }
}
