package dev.confab.ui.share;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiText;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The picker names screens in the window's language and leaves window titles as they are. */
@UnitTest
class ScreenNamesTest {

    @Test
    void screensAreNamedInChineseAndWindowTitlesStayAsTheyAre() {
        UiText chinese = new UiText(Locale.SIMPLIFIED_CHINESE);
        assertThat(SharePicker.screenName("Entire screen", chinese)).isEqualTo("整个屏幕");
        assertThat(SharePicker.screenName("Screen 2 (1920x1080)", chinese)).isEqualTo("屏幕 2（1920x1080）");
        assertThat(SharePicker.screenName("Release notes — Text Editor", chinese)).isEqualTo("Release notes — Text Editor");
        assertThat(SharePicker.screenName("Screen 2 (1920x1080)", new UiText(Locale.ENGLISH))).isEqualTo("Screen 2 (1920x1080)");
        // Wayland: the system's dialog chooses, and the tile says so (and that there is no preview before it).
        assertThat(SharePicker.screenName(ScreenCaptureFactory.PORTAL_SCREEN.displayName(), chinese))
                .isEqualTo("屏幕（系统对话框）");
        assertThat(SharePicker.screenName(ScreenCaptureFactory.PORTAL_WINDOW.displayName(), new UiText(Locale.ENGLISH)))
                .isEqualTo("Window (system dialog)");
    }
}
