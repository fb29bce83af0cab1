package dev.confab.meeting.rate;

/**
 * What this client's uplink carries, from its own send queue: media waiting longer than {@link #OVERUSE_MILLIS}
 * (at the rate the socket drains) is overuse, and then that drain rate is the uplink's capacity
 * ({@link RateController}). The senders keep their video under the estimate, so a slow uplink is stepped down
 * from here within a second or two, without waiting for the receivers to notice. Called on the call's rate timer.
 * Not thread-safe.
 */
public final class UplinkEstimator {

    static final long OVERUSE_MILLIS = 100;

    private final RateController controller = new RateController();
    private long lastSentBytes = -1;
    private long lastNanos;

    /**
     * One reading of the send queue.
     *
     * @param waitingMillis      media waiting, as time at the drain rate
     * @param drainBitsPerSecond the socket's rate while it was the bottleneck (NaN: not measured)
     * @param bottleneck         whether the socket is the bottleneck now
     * @param sentBytes          media handed to the socket so far
     * @return the estimate, bits per second; NaN for "no limit known"
     */
    public double tick(long nowNanos, long waitingMillis, double drainBitsPerSecond, boolean bottleneck, long sentBytes) {
        double sentBps = 0;
        if (lastSentBytes >= 0 && nowNanos > lastNanos) {
            sentBps = Math.max(0, sentBytes - lastSentBytes) * 8e9 / (nowNanos - lastNanos);
        }
        lastSentBytes = sentBytes;
        lastNanos = nowNanos;
        boolean overuse = waitingMillis > OVERUSE_MILLIS;
        double carried = bottleneck && !Double.isNaN(drainBitsPerSecond) ? drainBitsPerSecond : sentBps;
        return controller.update(nowNanos, overuse, waitingMillis == 0, carried, waitingMillis);
    }
}
