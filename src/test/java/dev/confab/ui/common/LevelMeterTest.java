package dev.confab.ui.common;

import dev.confab.media.AudioLevel;
import dev.confab.testing.UiTest;
import dev.confab.ui.meeting.TestRosters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@UiTest
class LevelMeterTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void showsTheVoiceLevelOnlyAfterARefreshAndSilenceWithoutASource() throws Exception {
        FxToolkit.setupFixture(() -> {
            LevelMeter meter = LevelMeter.vertical();
            AudioLevel voice = TestRosters.voice(0.3);
            meter.setSource(voice);
            assertThat(meter.fraction()).as("nothing drawn before the grid's pulse").isZero();
            meter.refresh();
            assertThat(meter.fraction()).as("a -13.5 dBFS tone on a 60 dB scale").isCloseTo(0.775, within(0.02));
            meter.setSource(null);
            meter.refresh();
            assertThat(meter.fraction()).as("no source: silence").isZero();
        });
    }

    @Test
    void aTileMeterFillsUpwardsFromTheBottom() throws Exception {
        FxToolkit.setupFixture(() -> {
            LevelMeter meter = LevelMeter.vertical();
            meter.setSource(TestRosters.voice(0.3));
            meter.refresh();
            meter.resize(6, 40);
            meter.layout();
            var fill = meter.getChildrenUnmodifiable().getFirst();
            assertThat(fill.getLayoutBounds().getHeight()).isCloseTo(31, within(1.0));
            assertThat(fill.getBoundsInParent().getMaxY()).as("anchored at the bottom").isCloseTo(40, within(0.5));
            assertThat(fill.getLayoutBounds().getWidth()).as("full width").isEqualTo(6);
        });
    }

    @Test
    void theLobbyMeterFillsFromTheLeftAndIsQuieterForAQuieterVoice() throws Exception {
        FxToolkit.setupFixture(() -> {
            LevelMeter loud = new LevelMeter();
            LevelMeter quiet = new LevelMeter();
            loud.setSource(TestRosters.voice(0.3));
            quiet.setSource(TestRosters.voice(0.01));
            loud.refresh();
            quiet.refresh();
            assertThat(quiet.fraction()).isPositive().isLessThan(loud.fraction());
            loud.resize(200, 8);
            loud.layout();
            var fill = loud.getChildrenUnmodifiable().getFirst();
            assertThat(fill.getBoundsInParent().getMinX()).isZero();
            assertThat(fill.getLayoutBounds().getWidth()).isCloseTo(200 * loud.fraction(), within(1.0));
        });
    }
}
