package dev.confab.meeting.rate;

/**
 * An estimate of what one direction of a connection carries, kept the way delay-based congestion control keeps
 * it (after WebRTC's GCC, simplified): while the path queues ("overuse"), the estimate falls to a little below
 * what actually arrives, which on a congested path is its capacity. It rises only on evidence: when more arrives
 * than the estimate without any queue (the sender's own media, or padding sent on purpose to probe, see
 * {@link DownlinkEstimator}), the estimate follows it. After {@link #FORGET_NANOS} without overuse the path is
 * taken to carry anything again (no estimate).
 *
 * <p>The estimate is in bits per second; {@link Double#NaN} means "no limit known". Not thread-safe: one ticker
 * thread feeds it.
 */
public final class RateController {

    /** Below what arrived during overuse, so the queue built up meanwhile drains. */
    static final double DECREASE_FACTOR = 0.85;
    /**
     * A standing queue should be gone within about this long: at 0.85 of the capacity a full 0.9-s bottleneck
     * queue (a link that narrowed from 1.5 to 0.6 Mbit/s) would take 6 s to drain, holding back sound all that
     * time, so a long queue lowers the estimate further (see {@link #decreaseFactor}).
     */
    static final long DRAIN_MILLIS = 1_000;
    /** Never below this share of what arrives: the queue is measured, not the cause of every delay. */
    static final double MIN_DECREASE_FACTOR = 0.5;
    /** Overuse lowers the estimate at most this often: the sender needs that long to show the effect. */
    static final long DECREASE_SPACING_NANOS = 600_000_000L;
    /** No increase this soon after a decrease: what arrives is still the queue draining. */
    static final long HOLD_NANOS = 1_000_000_000L;
    /** What arrived without a queue, times this, is what the path is known to carry. */
    static final double VALIDATED_FACTOR = 0.97;
    /**
     * Right after a decrease, a tick without queueing that passed this many times the rate the path was judged to
     * carry refutes it ({@link #refute}). A bottleneck passes no more than its rate while its queue drains, and the
     * senders have not even slowed down yet; twice that can be a receiver catching up after its threads stalled.
     */
    static final double REFUTED = 2.5;
    /** So long without overuse and the path is assumed to carry anything again. */
    static final long FORGET_NANOS = 30_000_000_000L;

    private double estimate = Double.NaN;
    private double congestedAt = Double.NaN;
    private long lastDecrease;
    private long lastOveruse;

    /**
     * One observation.
     *
     * @param overuse    whether the path queues now (arrival delays rising, a send queue backing up)
     * @param clean      whether nothing at all queued (what arrived is then evidence the path carries it)
     * @param arrivedBps what arrived (or drained) over the last moments, bits per second
     * @param queueMillis how long the path's standing queue holds what enters it now (0 if unknown)
     * @return the estimate now, NaN for "no limit known"
     */
    public double update(long nowNanos, boolean overuse, boolean clean, double arrivedBps, long queueMillis) {
        if (overuse) {
            lastOveruse = nowNanos;
            boolean spaced = Double.isNaN(estimate) || nowNanos - lastDecrease >= DECREASE_SPACING_NANOS;
            if (spaced && arrivedBps > 0) {
                double lowered = decreaseFactor(queueMillis) * arrivedBps;
                estimate = Double.isNaN(estimate) ? lowered : Math.min(estimate, lowered);
                congestedAt = arrivedBps;
                lastDecrease = nowNanos;
            }
            return estimate;
        }
        if (Double.isNaN(estimate)) {
            return estimate;
        }
        if (nowNanos - lastOveruse >= FORGET_NANOS) {
            estimate = Double.NaN;
            return estimate;
        }
        if (clean && nowNanos - lastDecrease >= HOLD_NANOS) {
            estimate = Math.max(estimate, VALIDATED_FACTOR * arrivedBps);
        }
        return estimate;
    }

    /**
     * A tick without queueing in which {@code arrivedBps} arrived. Within {@link #HOLD_NANOS} of a decrease the
     * estimate does not rise on what arrives ({@link #update}), unless that is more than {@link #REFUTED} times what
     * arrived when the path queued: then the queue was not the path's (frames held up on a server or a computer too
     * busy for a moment, and passed on sparsely), and the estimate follows what arrived. Such a false decrease, at
     * the start of a 50-person replay, left receivers at a tenth of their link for 10 s of probing.
     *
     * @return the estimate now, NaN for "no limit known"
     */
    public double refute(long nowNanos, double arrivedBps) {
        if (!Double.isNaN(estimate) && nowNanos - lastDecrease < HOLD_NANOS && arrivedBps > REFUTED * congestedAt) {
            estimate = Math.max(estimate, VALIDATED_FACTOR * arrivedBps);
        }
        return estimate;
    }

    /**
     * The share of the arrival rate to fall to on overuse: {@link #DECREASE_FACTOR}, or less when the queue is
     * long, so that it drains within about {@link #DRAIN_MILLIS} (a queue of {@code q} ms drains at (1 - factor) of
     * the capacity in q / (1 - factor) ms).
     */
    static double decreaseFactor(long queueMillis) {
        double draining = 1.0 - (double) Math.max(0, queueMillis) / DRAIN_MILLIS;
        return Math.clamp(draining, MIN_DECREASE_FACTOR, DECREASE_FACTOR);
    }

    /** Bits per second, NaN for "no limit known". */
    public double estimate() {
        return estimate;
    }

    /** What arrived when the path last queued, bits per second (NaN: never). */
    double congestedAt() {
        return congestedAt;
    }

    /** Whether the estimate may rise now (not right after a decrease). */
    boolean settled(long nowNanos) {
        return nowNanos - lastDecrease >= HOLD_NANOS;
    }
}
