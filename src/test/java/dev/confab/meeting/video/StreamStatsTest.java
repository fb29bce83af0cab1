package dev.confab.meeting.video;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class StreamStatsTest {

    @Test
    void qualityBarsFollowLossLatencyAndFrameRate() {
        assertThat(stats(0, 30, 40, 0).bars()).isEqualTo(4);
        assertThat(stats(5, 30, 40, 0).bars()).isEqualTo(3);
        assertThat(stats(20, 30, 500, 0).bars()).isEqualTo(1);
        assertThat(stats(0, 15, 40, 0).bars()).isEqualTo(3);
        assertThat(stats(0, 30, 40, 5000).bars()).as("nothing for 5 s").isZero();
    }

    private static StreamStats stats(double lossPercent, double fps, double latencyP95, long sinceLast) {
        return new StreamStats(640, 360, fps, 500, 1000, 100, 0, 0, 100, 0, 0, 1, latencyP95, latencyP95, 1,
                latencyP95, latencyP95, lossPercent, sinceLast);
    }
}
