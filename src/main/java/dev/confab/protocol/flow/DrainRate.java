package dev.confab.protocol.flow;

/**
 * How fast a connection's socket takes bytes. A window of {@link #WINDOW_NANOS} in which bytes were waiting
 * for the socket the whole time measures the path: its rate replaces the estimate, so a link that slows down
 * is noticed within a quarter of a second and a stalled one reads as zero. A window in which the socket took
 * everything says only that the path carries at least that much: the estimate is raised to it. So an estimate
 * left low by a past congestion recovers as soon as the path carries more than it, and it never rises above
 * what was really carried (it sizes the kernel's send buffer: {@link SocketSendBuffer}).
 * Not thread-safe: used under the queue's lock.
 */
final class DrainRate {

    static final long WINDOW_NANOS = 250_000_000L;
    /** Observations further apart than this leave a gap nothing is known about: the window starts again. */
    static final long MAX_GAP_NANOS = 50_000_000L;

    private double bytesPerSecond = Double.NaN;
    private long windowStart = -1;
    private long drainedAtWindowStart;
    private boolean backloggedThroughout;
    private long lastObservation;
    private boolean bottleneck;

    /**
     * @param drainedTotal bytes the socket has taken so far (never decreasing)
     * @param backlogged   whether bytes are waiting for the socket now
     */
    void observe(long drainedTotal, boolean backlogged, long nowNanos) {
        long gap = nowNanos - lastObservation;
        lastObservation = nowNanos;
        if (windowStart < 0 || gap > MAX_GAP_NANOS) {
            startWindow(drainedTotal, backlogged, nowNanos);
            return;
        }
        backloggedThroughout &= backlogged;
        long elapsed = nowNanos - windowStart;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        double sample = (drainedTotal - drainedAtWindowStart) * 1e9 / elapsed;
        if (backloggedThroughout) {
            bytesPerSecond = sample;
            bottleneck = true;
        } else if (known() && sample > bytesPerSecond) {
            bytesPerSecond = sample;
            bottleneck = false;
        }
        startWindow(drainedTotal, backlogged, nowNanos);
    }

    private void startWindow(long drainedTotal, boolean backlogged, long nowNanos) {
        windowStart = nowNanos;
        drainedAtWindowStart = drainedTotal;
        backloggedThroughout = backlogged;
    }

    boolean known() {
        return !Double.isNaN(bytesPerSecond);
    }

    /**
     * Whether the estimate was measured with bytes waiting throughout, i.e. the socket is the bottleneck, and
     * nothing since has shown the path carrying more.
     */
    boolean bottleneck() {
        return bottleneck;
    }

    /** Bytes per second; NaN until a backlogged window has been measured. */
    double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** How long {@code bytes} take to drain at the measured rate: 0 while unknown, "forever" when stalled. */
    long millisToDrain(long bytes) {
        if (bytes <= 0 || !known()) {
            return 0;
        }
        if (bytesPerSecond < 1) {
            return Long.MAX_VALUE;
        }
        return (long) (bytes * 1000 / bytesPerSecond);
    }
}
