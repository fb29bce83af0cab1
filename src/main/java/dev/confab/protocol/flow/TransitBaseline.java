package dev.confab.protocol.flow;

/**
 * How much later than the quickest of the last 5–10 s a frame arrived: its transit time (arrival on the receiving
 * clock minus capture on the sender's) above the smallest transit of the current and the previous
 * {@value #BUCKET_MICROS} µs bucket. The clocks' offset cancels out; what remains is queueing on the way. Used by
 * the jitter buffer (sound behind video on a narrow downlink) and by the server (the queue in a sender's uplink).
 * Not thread-safe.
 */
public final class TransitBaseline {

    static final long BUCKET_MICROS = 5_000_000;

    private long bucketStart = Long.MIN_VALUE;
    private long bucketMin = Long.MAX_VALUE;
    private long previousMin = Long.MAX_VALUE;

    /** Notes a frame and returns its lateness, µs (0 for the quickest so far). */
    public long lateness(long captureMicros, long arrivalMicros) {
        long transit = arrivalMicros - captureMicros;
        if (bucketStart == Long.MIN_VALUE || arrivalMicros - bucketStart >= BUCKET_MICROS) {
            previousMin = bucketMin;
            bucketMin = Long.MAX_VALUE;
            bucketStart = arrivalMicros;
        }
        bucketMin = Math.min(bucketMin, transit);
        return transit - Math.min(bucketMin, previousMin);
    }
}
