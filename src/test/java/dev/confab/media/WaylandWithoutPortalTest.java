package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import dev.confab.testing.PrivateWaylandDesktop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Wayland session (headless sway, session bus, PipeWire) whose desktop has no screen cast portal running:
 * the picker offers no portal entry and says what is missing; a share asked for anyway fails with that reason.
 */
@IntegrationTest
class WaylandWithoutPortalTest {
    private static PrivateWaylandDesktop desktop;
    private static ScreenCaptureFactory factory;

    @BeforeAll
    static void startDesktop() throws Exception {
        desktop = PrivateWaylandDesktop.withoutPortal();
        factory = ScreenCaptureFactory.withEnvironment(desktop.environment());
    }

    @AfterAll
    static void stopDesktop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    void thePickerSaysThePortalIsMissingAndOffersOnlyTheTestScreen() {
        assertThat(factory.limitation()).contains(ScreenCaptureFactory.Limitation.WAYLAND_NO_PORTAL);
        assertThat(factory.screens()).containsExactly(ScreenCaptureFactory.SYNTHETIC_SCREEN);
        assertThat(factory.windows()).isEmpty();
        assertThat(factory.windowLimitation()).contains(ScreenCaptureFactory.Limitation.WAYLAND_NO_PORTAL);
    }

    @Test
    void aPortalShareAskedForAnywayFailsWithTheReason() {
        assertThatThrownBy(() -> factory.openScreen(ScreenCaptureFactory.PORTAL_SCREEN,
                ScreenCaptureFactory.MAX_SHARE_FORMAT, (w, h, stride, bgra, time) -> { }))
                .isInstanceOf(MediaException.class).hasMessageContaining("No screen cast portal");
    }
}
