package dev.confab.meeting.rate;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver's side of congestion control, fed with frame timings as a constrained link produces them: audio
 * every 20 ms and video at 30 fps, delayed by a queue that grows while more is sent than the link carries.
 */
@UnitTest
class DownlinkEstimatorTest {

    private static final long MS = 1_000_000L;

    private final DownlinkEstimator estimator = new DownlinkEstimator();

    /** One tick (250 ms) of a sender's audio and video, each frame delayed by {@code queueMillis}, then its end. */
    private OptionalInt tick(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis) {
        feed(tickStartMillis, sender, kbitPerSecond, queueMillis);
        return estimator.tick((tickStartMillis + 250) * MS).report();
    }

    private void feed(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis) {
        int bytesPerFrame = kbitPerSecond * 1000 / 8 / 100; // a frame every 10 ms (sound and pictures)
        for (long ms = tickStartMillis; ms < tickStartMillis + 250; ms += 10) {
            long captureMicros = 1_700_000_000_000_000L + ms * 1000;
            long arrivalMicros = captureMicros + 40_000 + queueMillis * 1000; // 40 ms of constant path delay
            estimator.frame(sender, bytesPerFrame, captureMicros, arrivalMicros, ms * MS);
        }
    }

    /** The link carries 600 kbit/s and queues 80 ms: overuse with a short queue, the usual step to 0.85 of it. */
    private void congestWithAShortQueue() {
        tick(0, 2, 600, 0);
        for (long t = 250; t < 1_000; t += 250) {
            tick(t, 2, 600, 80);
        }
    }

    @Test
    void aCleanLinkReportsNothing() {
        for (long t = 0; t < 20_000; t += 250) {
            assertThat(tick(t, 2, 1_500, (t / 250) % 3 == 0 ? 25 : 5)).as("jitter of a few ms is no queue").isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    @Test
    void aGrowingQueueIsReportedWithinHalfASecondAtAboutWhatArrives() {
        for (long t = 0; t < 5_000; t += 250) {
            tick(t, 2, 1_500, 0);
        }
        // The link drops to 600 kbit/s: what arrives is 600 kbit/s and the queue grows by 150 ms a tick.
        OptionalInt first = OptionalInt.empty();
        long reportedAt = -1;
        for (long t = 5_000, queue = 150; t < 7_000 && first.isEmpty(); t += 250, queue += 150) {
            first = tick(t, 2, 600, queue);
            reportedAt = t + 250;
        }
        assertThat(first).isPresent();
        assertThat(reportedAt - 5_000).isLessThanOrEqualTo(500);
        // Of what arrives now, not of the faster link a second ago; and low enough that the 300 ms queue seen by
        // then drains within about a second (0.7 of 600), not in 2 s at 0.85.
        assertThat(first.getAsInt()).isBetween(400, 440);
    }

    @Test
    void oneSendersCongestedUplinkIsNotThisDownlinksQueue() {
        for (long t = 0; t < 3_000; t += 250) {
            feed(t, 2, 800, 0);
            tick(t, 3, 800, 0);
        }
        for (long t = 3_000, queue = 0; t < 8_000; t += 250, queue += 100) {
            feed(t, 2, 800, queue); // participant 2's uplink queues
            assertThat(tick(t, 3, 800, 0)).isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    @Test
    void aKnownLimitIsProbedWithPaddingThatRaisesItWhenItArrivesWithoutAQueue() {
        congestWithAShortQueue();
        int lowered = estimator.estimateKbps();
        assertThat(lowered).isBetween(480, 540);
        // The sender keeps under the estimate (the server's target); the link, it turns out, now carries 2 Mbit/s.
        int probes = 0;
        int padding = 0;
        int paddingTicks = 0;
        long firstProbe = -1;
        for (long t = 1_000; t < 12_000; t += 250) {
            int media = Math.min(1_550, estimator.estimateKbps() * 9 / 10);
            feed(t, 2, media + (paddingTicks-- > 0 ? padding : 0), 0);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probes++;
                firstProbe = firstProbe < 0 ? t : firstProbe;
                assertThat(actions.probeMillis()).isEqualTo(750);
                padding = actions.probeKbps();
                paddingTicks = 3; // the server sends it for 750 ms
            }
        }
        assertThat(firstProbe).as("the first probe, ms").isBetween(1_000L, 3_000L);
        assertThat(probes).isGreaterThanOrEqualTo(4);
        assertThat(estimator.estimateKbps()).as("raised by the padding that arrived").isGreaterThan(1_500);
        assertThat(estimator.probeCounts()[1]).as("failed probes").isZero();
    }

    @Test
    void aProbeThatQueuesLowersTheEstimateAndTheNextWaitsLonger() {
        congestWithAShortQueue();
        // The link still carries 550 kbit/s: whatever padding comes on top queues.
        java.util.List<Long> probeTimes = new java.util.ArrayList<>();
        long queue = 0;
        int padding = 0;
        int paddingTicks = 0;
        for (long t = 1_000; t < 30_000; t += 250) {
            int sent = 450 + (paddingTicks-- > 0 ? padding : 0);
            queue = Math.max(0, queue + (sent - 550) * 250 / 550);
            feed(t, 2, Math.min(sent, 550), queue);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probeTimes.add(t);
                padding = actions.probeKbps();
                paddingTicks = 3;
            }
        }
        assertThat(estimator.estimateKbps()).as("never above what the link carries").isLessThanOrEqualTo(550);
        assertThat(probeTimes.size()).as("probes at growing intervals").isBetween(3, 8);
        long firstGap = probeTimes.get(1) - probeTimes.get(0);
        long lastGap = probeTimes.getLast() - probeTimes.get(probeTimes.size() - 2);
        assertThat(lastGap).isGreaterThan(firstGap);
    }
}
