package dev.confab.ui;

import dev.confab.media.AudioLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LevelMeterTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static AudioLevel fedWith(double amplitude) {
        AudioLevel level = new AudioLevel();
        short[] block = new short[960];
        for (int n = 0; n < 50; n++) { // one second of a 440 Hz tone
            for (int i = 0; i < block.length; i++) {
                block[i] = (short) (Math.sin(2 * Math.PI * 440 * (n * block.length + i) / 48_000.0) * amplitude * Short.MAX_VALUE);
            }
            level.update(block, block.length);
        }
        return level;
    }

    @Test
    void showsTheVoiceLevelOnlyAfterARefreshAndSilenceWithoutASource() throws Exception {
        FxToolkit.setupFixture(() -> {
            LevelMeter meter = LevelMeter.vertical();
            AudioLevel voice = fedWith(0.3);
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
            meter.setSource(fedWith(0.3));
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
            loud.setSource(fedWith(0.3));
            quiet.setSource(fedWith(0.01));
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
