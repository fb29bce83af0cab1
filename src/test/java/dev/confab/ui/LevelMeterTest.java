package dev.confab.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LevelMeterTest {
    @Test
    void barSpansSixtyDecibelsUpToFullScale() {
        assertThat(LevelMeter.fractionOf(0.0)).isEqualTo(1.0);
        assertThat(LevelMeter.fractionOf(-30.0)).isCloseTo(0.5, within(1e-9));
        assertThat(LevelMeter.fractionOf(-60.0)).isEqualTo(0.0);
        assertThat(LevelMeter.fractionOf(-90.0)).as("quieter than the floor is an empty bar").isEqualTo(0.0);
    }
}
