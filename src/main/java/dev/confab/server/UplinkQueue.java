package dev.confab.server;

import dev.confab.protocol.flow.TransitBaseline;

/**
 * The queue in one sender's uplink, as the server sees it: how much later than the quickest of the last 5–10 s
 * its sound reaches the server (the clocks' offset cancels out). A receiver's downlink estimate cannot tell a
 * queue in its own downlink from one in the uplink of the sender it hears (in a meeting of two there is only
 * that one sender), so before holding video back for a queue a receiver reports ({@link QueueDrainHold}), the
 * server takes off what already stood in the senders' uplinks: holding video for those would drain nothing and
 * only cost a keyframe, which a congested uplink can least afford. Sound only: it is sent as it is captured, so its
 * lateness is the link's; a video frame is also late by its encoding. Thread-safe.
 */
final class UplinkQueue {

    /** A reading older than this says nothing about now (a muted sender sends no sound). */
    static final long STALE_MICROS = 1_000_000;

    private final TransitBaseline baseline = new TransitBaseline();
    private long latestExcess;
    private long latestAt = Long.MIN_VALUE;

    /** A sound frame captured at {@code captureMicros} (sender's clock) arrived at {@code arrivalMicros} (ours). */
    synchronized void sound(long captureMicros, long arrivalMicros) {
        latestExcess = baseline.lateness(captureMicros, arrivalMicros);
        latestAt = arrivalMicros;
    }

    /** The queue the latest sound frame met, ms; 0 when none arrived within the last second. */
    synchronized long queueMillis(long nowMicros) {
        return latestAt == Long.MIN_VALUE || nowMicros - latestAt > STALE_MICROS ? 0 : latestExcess / 1000;
    }
}
