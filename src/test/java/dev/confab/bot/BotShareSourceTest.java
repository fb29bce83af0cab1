package dev.confab.bot;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.ShareSourceKind;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code bot --share} accepts: the Wayland portal's screen and window among the sources, with their kinds. */
@UnitTest
class BotShareSourceTest {

    @Test
    void thePortalsScreenAndWindowAreSourcesOfTheirKinds() {
        ScreenCaptureFactory screens = ScreenCaptureFactory.syntheticOnly();
        assertThat(BotShare.source("portal:monitor", screens)).isEqualTo(ScreenCaptureFactory.PORTAL_SCREEN);
        assertThat(ShareSourceKind.of(BotShare.source("portal:window", screens))).isEqualTo(ShareSourceKind.WINDOW);
        assertThat(BotShare.source("testsrc", screens)).isEqualTo(ScreenCaptureFactory.SYNTHETIC_SCREEN);
        assertThatThrownBy(() -> BotShare.source("portal:everything", screens))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("portal:monitor");
    }
}
