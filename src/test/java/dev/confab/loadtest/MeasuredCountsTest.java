package dev.confab.loadtest;

import dev.confab.meeting.video.StreamStats;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class MeasuredCountsTest {

    private static StreamStats stats(long received, long lost, long dropped, long decoded, long errors, long bytes) {
        return new StreamStats(320, 180, 30, 150, bytes, received, lost, dropped, decoded, errors, 0, 1, 2, 3, 4, 5, 6,
                0, 0);
    }

    @Test
    void framesLostAndDroppedDuringTheWarmUpAreNotChargedToTheMeasuredInterval() {
        StreamStats atStart = stats(60, 12, 30, 30, 1, 50_000);
        StreamStats now = stats(360, 12, 31, 329, 1, 350_000);

        MeasuredCounts measured = MeasuredCounts.between(atStart, now);

        assertThat(measured).isEqualTo(new MeasuredCounts(300, 0, 1, 299, 0, 300_000));
    }

    @Test
    void aStreamThatBeganAfterTheStartCountsAllItHas() {
        assertThat(MeasuredCounts.between(null, stats(90, 2, 3, 85, 0, 9_000)))
                .isEqualTo(new MeasuredCounts(90, 2, 3, 85, 0, 9_000));
    }

    @Test
    void streamsAddUp() {
        MeasuredCounts one = new MeasuredCounts(1, 2, 3, 4, 5, 6);
        assertThat(one.plus(one).plus(MeasuredCounts.NONE)).isEqualTo(new MeasuredCounts(2, 4, 6, 8, 10, 12));
    }
}
