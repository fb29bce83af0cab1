package dev.confab.meeting.rate;

import java.util.HashMap;
import java.util.Map;

/**
 * How long received frames queued on the way, from each frame's capture time and arrival time. The difference
 * of the two includes a constant part (the sender's encoding, the clocks' offset, the path's own delay), so
 * each sender's smallest difference over the last {@link #BASELINE_NANOS} is its baseline and what lies above
 * it is queueing. Queues at a bottleneck delay every frame, so the <em>smallest</em> excess in a tick is used
 * (a thread descheduled for a moment delays single frames, not all of them), and across senders the smallest
 * too: this client's downlink delays everyone's frames, while one sender's congested uplink delays only its
 * own (that sender steps down by itself). Not thread-safe: guarded by its owner.
 */
final class ArrivalDelay {

    static final long BASELINE_NANOS = 30_000_000_000L;
    private static final int BUCKETS = 10;
    private static final long BUCKET_NANOS = BASELINE_NANOS / BUCKETS;

    private static final class Sender {
        // Minimum transit (arrival - capture) per bucket of the baseline window, oldest first, and the bucket's start.
        final long[] minima = new long[BUCKETS];
        long bucketStart;
        int current;
        long tickMinimum = Long.MAX_VALUE;

        Sender(long nowNanos) {
            java.util.Arrays.fill(minima, Long.MAX_VALUE);
            bucketStart = nowNanos;
        }

        /** Adds a frame's transit; returns how far it lies above the baseline, microseconds. */
        long add(long transitMicros, long nowNanos) {
            while (nowNanos - bucketStart >= BUCKET_NANOS) {
                current = (current + 1) % BUCKETS;
                minima[current] = Long.MAX_VALUE;
                bucketStart += BUCKET_NANOS;
            }
            minima[current] = Math.min(minima[current], transitMicros);
            tickMinimum = Math.min(tickMinimum, transitMicros);
            return transitMicros - baseline();
        }

        long baseline() {
            long min = Long.MAX_VALUE;
            for (long m : minima) {
                min = Math.min(min, m);
            }
            return min;
        }
    }

    private final Map<Integer, Sender> senders = new HashMap<>();

    /**
     * A frame of {@code senderId} captured at {@code captureMicros} (its clock) arrived at {@code arrivalMicros}.
     * Returns its queueing delay, milliseconds: how far its transit lies above its sender's baseline.
     */
    long frame(int senderId, long captureMicros, long arrivalMicros, long nowNanos) {
        return senders.computeIfAbsent(senderId, id -> new Sender(nowNanos))
                .add(arrivalMicros - captureMicros, nowNanos) / 1000;
    }

    /**
     * The queueing delay seen since the last call, in milliseconds: for each sender heard from, its smallest
     * transit above its baseline; the smallest of those. -1 when no frame arrived since the last call.
     */
    long takeQueueingMillis() {
        long smallest = Long.MAX_VALUE;
        for (Sender sender : senders.values()) {
            if (sender.tickMinimum != Long.MAX_VALUE) {
                smallest = Math.min(smallest, sender.tickMinimum - sender.baseline());
                sender.tickMinimum = Long.MAX_VALUE;
            }
        }
        return smallest == Long.MAX_VALUE ? -1 : smallest / 1000;
    }

    void forget(int senderId) {
        senders.remove(senderId);
    }
}
