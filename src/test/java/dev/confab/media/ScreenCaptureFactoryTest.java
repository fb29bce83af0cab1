package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ScreenCaptureFactoryTest {

    @Test
    void theSyntheticScreenIsAlwaysOfferedLast() {
        assertThat(new ScreenCaptureFactory().screens()).last().isEqualTo(ScreenCaptureFactory.SYNTHETIC_SCREEN);
        assertThat(ScreenCaptureFactory.syntheticOnly().screens()).containsExactly(ScreenCaptureFactory.SYNTHETIC_SCREEN);
    }

    @Test
    void theSyntheticScreenDeliversPicturesOfTheRequestedSize() throws Exception {
        AtomicReference<int[]> seen = new AtomicReference<>();
        try (Capture ignored = ScreenCaptureFactory.syntheticOnly().openScreen(ScreenCaptureFactory.SYNTHETIC_SCREEN,
                new VideoFormat(1280, 720, 5), (w, h, stride, bgra, time) -> seen.set(new int[] {w, h, stride}))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);
        }
        assertThat(seen.get()).containsExactly(1280, 720, 1280 * 4);
    }

    @Test
    void aThumbnailIsOneSmallPicture() throws Exception {
        ScreenCaptureFactory.Thumbnail thumb = ScreenCaptureFactory.syntheticOnly()
                .thumbnail(ScreenCaptureFactory.SYNTHETIC_SCREEN, 240, 136);
        // The synthetic screen is 1920x1080: scaled into the box with its own aspect ratio.
        assertThat(thumb.width()).isEqualTo(240);
        assertThat(thumb.height()).isEqualTo(134);
        assertThat(thumb.bgra()).hasSize(240 * 134 * 4);
        assertThat(thumb.bgra()[3]).as("opaque").isEqualTo((byte) 255);
    }

    @Test
    void aRegionOfTheScreenIsSharedAtTheRegionsOwnSize() throws Exception {
        ScreenCaptureFactory screens = ScreenCaptureFactory.syntheticOnly();
        CaptureDevice middle = screens.region(ScreenCaptureFactory.SYNTHETIC_SCREEN, 0.25, 0.25, 0.75, 0.75).orElseThrow();
        assertThat(ScreenSource.of(middle).region()).isEqualTo(new ScreenSource.Region(480, 270, 960, 540));
        AtomicReference<int[]> seen = new AtomicReference<>();
        try (Capture ignored = screens.openScreen(middle, ScreenCaptureFactory.MAX_SHARE_FORMAT,
                (w, h, stride, bgra, time) -> seen.set(new int[] {w, h}))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);
        }
        assertThat(seen.get()).containsExactly(960, 540);
        assertThat(screens.region(middle, 0, 0, 0.5, 0.5)).as("no region of a region").isEmpty();
        assertThat(screens.region(ScreenCaptureFactory.SYNTHETIC_SCREEN, 0.5, 0.5, 0.5, 0.9)).as("empty area").isEmpty();
        assertThat(screens.region(new CaptureDevice("avfoundation:Capture screen 0", "Screen", CaptureDevice.Kind.SCREEN,
                false), 0, 0, 0.5, 0.5)).as("avfoundation cannot crop").isEmpty();
    }

    @Test
    void onlyScreensCanBeOpenedAsScreens() {
        assertThatThrownBy(() -> new ScreenCaptureFactory().openScreen(FfmpegCaptureFactory.SYNTHETIC_CAMERA,
                ScreenCaptureFactory.MAX_SHARE_FORMAT, (w, h, s, b, t) -> { }))
                .isInstanceOf(MediaException.class);
    }

    @Test
    void waylandAndMissingDesktopsAreExplainedOnLinux() {
        if (DeviceAddress.HostOs.current() != DeviceAddress.HostOs.LINUX) {
            assertThat(ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0")).limitation()).isEmpty();
            return;
        }
        // No session bus at all: no portal to ask, so nothing but the test screen, and the picker says why.
        var nativeWayland = ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0"));
        assertThat(nativeWayland.limitation()).contains(ScreenCaptureFactory.Limitation.WAYLAND_NO_PORTAL);
        assertThat(nativeWayland.screens()).containsExactly(ScreenCaptureFactory.SYNTHETIC_SCREEN);
        assertThat(ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0", "DISPLAY", ":0")).limitation())
                .contains(ScreenCaptureFactory.Limitation.WAYLAND_NO_PORTAL);
        assertThat(ScreenCaptureFactory.withEnvironment(Map.of()).limitation())
                .contains(ScreenCaptureFactory.Limitation.NO_DESKTOP);
        assertThat(ScreenCaptureFactory.withEnvironment(Map.of("DISPLAY", ":0")).limitation()).isEmpty();
    }

    @Test
    void screenIdsCarryTheirRegion() {
        ScreenSource x11 = ScreenSource.of(new CaptureDevice(ScreenSource.x11Id(":0.0", 1920, 0, 2560, 1440), "Screen 2",
                CaptureDevice.Kind.SCREEN, false));
        assertThat(x11).isEqualTo(new ScreenSource("x11grab", ":0.0+1920,0", 2560, 1440));
        ScreenSource robot = ScreenSource.of(new CaptureDevice(ScreenSource.robotId(-1280, 0, 1280, 1024), "Left",
                CaptureDevice.Kind.SCREEN, false));
        assertThat(robot.robot()).isTrue();
        assertThat(robot.robotOrigin()).containsExactly(-1280, 0);
        assertThat(ScreenSource.of(new CaptureDevice("gdigrab:title=Slides - Viewer", "Slides", CaptureDevice.Kind.SCREEN, false)))
                .isEqualTo(new ScreenSource("gdigrab", "title=Slides - Viewer", 0, 0));
    }

    @Test
    void portalSourcesAreAScreenOrAWindowChosenLaterWithoutPreviewOrRegion() {
        assertThat(ShareSourceKind.of(ScreenCaptureFactory.PORTAL_SCREEN)).isEqualTo(ShareSourceKind.SCREEN);
        assertThat(ShareSourceKind.of(ScreenCaptureFactory.PORTAL_WINDOW)).isEqualTo(ShareSourceKind.WINDOW);
        assertThat(ScreenSource.of(ScreenCaptureFactory.PORTAL_SCREEN).portalSourceType()).isEqualTo(ScreenCastPortal.MONITOR);
        assertThat(ScreenSource.of(ScreenCaptureFactory.PORTAL_WINDOW).portalSourceType()).isEqualTo(ScreenCastPortal.WINDOW);
        ScreenCaptureFactory anyFactory = ScreenCaptureFactory.syntheticOnly();
        assertThat(anyFactory.region(ScreenCaptureFactory.PORTAL_SCREEN, 0, 0, 0.5, 0.5)).as("size unknown before the choice").isEmpty();
        assertThatThrownBy(() -> anyFactory.thumbnail(ScreenCaptureFactory.PORTAL_SCREEN, 240, 136))
                .as("a preview would open the system dialog every second").isInstanceOf(MediaException.class);
    }

    @Test
    void aPortalShareWithoutASessionBusFailsWithAClearReason() {
        assertThatThrownBy(() -> ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0"))
                .openScreen(ScreenCaptureFactory.PORTAL_SCREEN, ScreenCaptureFactory.MAX_SHARE_FORMAT, (w, h, s, b, t) -> { }))
                .isInstanceOf(MediaException.class).hasMessageContaining("D-Bus session bus");
    }

    @Test
    void sharesAreScaledDownToTheCapButNeverUp() {
        assertThat(ScreenGeometry.fitInside(3840, 2160, 1920, 1080)).containsExactly(1920, 1080);
        assertThat(ScreenGeometry.fitInside(1280, 1024, 1920, 1080)).containsExactly(1280, 1024);
        assertThat(ScreenGeometry.fitInside(2560, 1600, 1920, 1080)).containsExactly(1728, 1080);
        assertThat(ScreenGeometry.fitInside(1366, 768, 1920, 1080)).containsExactly(1366, 768);
    }

    @Test
    void everyShareSourceHasAKindAndOnlyWholeScreensCanBeCropped() {
        CaptureDevice x11Screen = new CaptureDevice(ScreenSource.x11Id(":0.0", 1920, 0, 1280, 1024), "Screen 2",
                CaptureDevice.Kind.SCREEN, false);
        CaptureDevice x11Window = new CaptureDevice(ScreenSource.x11WindowId(":0.0", 54525959, 800, 600), "Editor",
                CaptureDevice.Kind.SCREEN, false);
        CaptureDevice gdiWindow = new CaptureDevice("gdigrab:title=Budget — Excel", "Budget — Excel",
                CaptureDevice.Kind.SCREEN, false);
        assertThat(ShareSourceKind.of(x11Screen)).isEqualTo(ShareSourceKind.SCREEN);
        assertThat(ShareSourceKind.of(ScreenCaptureFactory.SYNTHETIC_SCREEN)).isEqualTo(ShareSourceKind.SCREEN);
        assertThat(ShareSourceKind.of(x11Window)).isEqualTo(ShareSourceKind.WINDOW);
        assertThat(ShareSourceKind.of(gdiWindow)).isEqualTo(ShareSourceKind.WINDOW);
        assertThat(ShareSourceKind.WINDOW.jsonName()).isEqualTo("window");

        ScreenSource window = ScreenSource.of(x11Window);
        assertThat(window.x11Display()).isEqualTo(":0.0");
        assertThat(window.x11Window()).isEqualTo(54525959L);
        assertThat(window.x11CapturedArea()).as("a window is not masked: it is not Confab").isEmpty();
        assertThat(ScreenCaptureFactory.syntheticOnly().region(x11Window, 0, 0, 0.5, 0.5)).as("windows are shared whole").isEmpty();

        CaptureDevice right = ScreenCaptureFactory.syntheticOnly().region(x11Screen, 0.5, 0.5, 1, 1).orElseThrow();
        assertThat(ShareSourceKind.of(right)).isEqualTo(ShareSourceKind.REGION);
        assertThat(ScreenSource.of(right).x11CapturedArea()).contains(new java.awt.Rectangle(1920 + 640, 512, 640, 512));
    }

    @Test
    void aFactoryThatOnlyHasTheSyntheticScreenOffersNoWindows() {
        assertThat(ScreenCaptureFactory.syntheticOnly().windows()).isEmpty();
        assertThat(ScreenCaptureFactory.syntheticOnly().windowLimitation()).isEmpty();
        assertThat(ScreenCaptureFactory.withEnvironment(Map.of("WAYLAND_DISPLAY", "wayland-0")).windows())
                .as("no X server: nothing to list").isEmpty();
    }

    @Test
    void confabsWindowIsHiddenOnlyWhereNothingKeepsItOutOfASharedScreen() {
        var linux = DeviceAddress.HostOs.LINUX;
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(ScreenCaptureFactory.PORTAL_SCREEN), linux))
                .as("a Wayland screen").isTrue();
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(ScreenCaptureFactory.PORTAL_WINDOW), linux))
                .as("a window the user picked in the portal").isFalse();
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(new CaptureDevice("avfoundation:Capture screen 0",
                "Screen 1", CaptureDevice.Kind.SCREEN, false)), DeviceAddress.HostOs.MAC)).as("macOS").isTrue();
        CaptureDevice robot = new CaptureDevice(ScreenSource.robotId(0, 0, 1280, 720), "Screen 1", CaptureDevice.Kind.SCREEN, false);
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(robot), DeviceAddress.HostOs.WINDOWS))
                .as("Windows excludes Confab's windows from every capture").isFalse();
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(robot), linux)).isTrue();
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(new CaptureDevice("x11grab::0.0+0,0/1280x720",
                "Screen 1", CaptureDevice.Kind.SCREEN, false)), linux)).as("X11 paints them over").isFalse();
        assertThat(ScreenCaptureFactory.showsOwnWindows(ScreenSource.of(ScreenCaptureFactory.SYNTHETIC_SCREEN), linux))
                .isFalse();
    }
}
