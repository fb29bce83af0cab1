package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class UplinkQueueTest {

    private static final long OFFSET = 3_600_000_000L; // the sender's clock is an hour behind ours: cancels out

    private final UplinkQueue queue = new UplinkQueue();

    @Test
    void soundArrivingLaterThanTheQuickestIsTheUplinksQueue() {
        for (long t = 0; t < 2_000_000; t += 20_000) {
            queue.sound(t - OFFSET, t + 30_000); // 30 ms on the way, no queue
        }
        assertThat(queue.queueMillis(2_000_000)).isZero();
        queue.sound(2_000_000 - OFFSET, 2_000_000 + 30_000 + 280_000); // behind 280 ms of video in the uplink
        assertThat(queue.queueMillis(2_400_000)).isEqualTo(280);
    }

    @Test
    void aSenderThatStoppedSendingSoundHasNoQueueToSpeakOf() {
        queue.sound(-OFFSET, 10_000);
        queue.sound(20_000 - OFFSET, 20_000 + 10_000 + 200_000);
        assertThat(queue.queueMillis(230_000)).isEqualTo(200);
        assertThat(queue.queueMillis(230_000 + UplinkQueue.STALE_MICROS + 1)).isZero();
    }
}
