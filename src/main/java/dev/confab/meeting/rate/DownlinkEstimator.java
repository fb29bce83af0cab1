package dev.confab.meeting.rate;

import java.util.Optional;

/**
 * What this client's downlink carries, measured from the media it receives: queueing seen in arrival delays
 * ({@link ArrivalDelay}) is overuse, and then what arrives is about the link's capacity ({@link RateController}).
 * The estimate is reported to the server ({@code receive_estimate}, docs/protocol.md section 7.3), which turns
 * everyone's into targets for the senders.
 *
 * <p>While a limit is known the link is probed, since the senders, kept under the estimate, no longer show
 * whether it carries more: the server is asked ({@code probe_request}) for padding worth {@link #NEAR_PROBE}
 * times the estimate (for {@value #PROBE_MILLIS} ms), or {@link #FAR_PROBE} times once the estimate is {@link #FAR_FROM} times what
 * congested it last or the last probe passed with {@link #LIFTED_ABOVE} times that arriving (the limit has lifted:
 * find the top quickly). A probe that arrives without queueing raises the
 * estimate (so the senders step up without a keyframe-costly trial rung); one that queues lowers it, and the
 * next probe waits twice as long (0.25 s after a passed one, doubling up to {@link #MAX_PROBE_GAP_NANOS}). A failed probe delays sound by about
 * the padding's excess, a fraction of a second at most.
 *
 * <p>Overuse is seen at a tick (queueing in two ticks in a row) or, sooner, between ticks when the frames show a
 * queue starting ({@link QueueOnset}); the report then goes out at once.
 *
 * <p>{@link #frame} runs on the network reader thread, {@link #tick} on the call's rate timer every
 * {@link #TICK_MILLIS} ms. Thread-safe.
 */
public final class DownlinkEstimator {

    public static final int TICK_MILLIS = 250;
    /** How often {@link #overdue} should be called. */
    public static final int OVERDUE_CHECK_MILLIS = 10;
    /**
     * Queueing above this in two ticks in a row is overuse. Never one tick alone, however high: a receiver whose
     * threads were starved for a moment (a busy machine) sees every frame of that moment late too, but only once;
     * a bottleneck's queue lasts.
     */
    static final long OVERUSE_MILLIS = 60;
    /** Late frames count as a link narrowing only while they arrive at less than this share of the rate before. */
    static final double NARROWED = 0.8;
    /** Queueing below this is none: what arrived meanwhile is evidence, and a probe passed. */
    static final long CLEAN_MILLIS = 30;
    /** Ticks of received bytes that make "what arrived lately". */
    private static final int RATE_TICKS = 4;
    /** A new estimate is reported when it moved this much from the last one reported (decreases at once). */
    static final double REPORT_CHANGE = 0.10;
    static final long REPORT_SPACING_NANOS = 500_000_000L;

    /** Queueing reported with a decrease is capped here (the protocol's limit for {@code queueMillis}). */
    static final long MAX_REPORTED_QUEUE_MILLIS = 10_000;

    /** The value reported for "no limit known". */
    public static final int UNLIMITED = 0;

    static final double NEAR_PROBE = 1.1;
    static final double FAR_PROBE = 1.5;
    /** An estimate this far above the rate that congested last means that limit has lifted. */
    static final double FAR_FROM = 1.1;
    /** A probe that passed with this much more arriving than when the link last queued: the limit has lifted. */
    static final double LIFTED_ABOVE = 1.05;
    /** Three ticks: one whole two-tick measuring window always falls inside, however the ticks fall. */
    static final int PROBE_MILLIS = 750;
    /** Probe results are read this long after a probe ends (the last padding still on its way). */
    static final long PROBE_SETTLE_NANOS = 250_000_000L;
    static final long MIN_PROBE_GAP_NANOS = 250_000_000L;
    /**
     * Failed probes space the next ones out up to this. It bounds how long a lifted limit goes unnoticed: with 8 s a
     * limit that lifted just after a failed probe was found 8 s late, and 720p came back 11-12 s after the lift (the
     * issue asks 10 s); with 4 s, 720p still came back later than 10 s in 2 of 14 runs and 1 of 10, all after a
     * failed probe just before the lift (the climb itself takes five probes, near and far, about 6 s). With 2 s the
     * sound over a 600 kbit/s limit was as clean after its first 2 s (docs/performance.md).
     */
    static final long MAX_PROBE_GAP_NANOS = 2_000_000_000L;
    /**
     * No probe while the estimate is this many times what arrives, unless the server pauses cameras for lack of it
     * (then no ceiling) or a camera arrives below its tile ({@link #HELD_BELOW_CEILING}): the senders do not use what
     * it allows already (a small tile, a still picture), so a higher one would change nothing. Without this ceiling a lifted limit was probed upwards until forgotten, 30 s later: in a 50-person
     * replay, receivers asked for 20-30 Mbit/s of padding each.
     */
    static final double PROBE_CEILING = 2.0;
    /**
     * The ceiling while a shown camera arrives on a lower simulcast layer than its tile would take
     * ({@link #camerasHeldBelow}): the server steps a receiver up one layer only when that layer fits in 0.7 of its
     * share, and one camera's step from 480×270 to 960×540 then needs 3.5 times what arrives (300 → 900 kbit/s, plus
     * sound). Under the plain ceiling such a step could never be proved: in a meeting of three, a receiver whose 600
     * kbit/s limit had lifted stayed at 320×180 and 480×270 for 10 s.
     */
    static final double HELD_BELOW_CEILING = 4.0;
    /** Less padding than this is not worth a probe. */
    static final int MIN_PROBE_KBPS = 30;

    /** What a tick asks for: a report to the server (empty: the last one stands) and a probe (0 kbit/s: none). */
    public record Actions(Optional<Report> report, int probeKbps, int probeMillis) {
    }

    /**
     * An estimate for the server: {@code kbps} ({@link #UNLIMITED}: no limit known) and, for a decrease, the
     * queueing that caused it ({@code queueMillis}, 0 otherwise), from which the server judges how long the
     * link's queue needs to drain.
     */
    public record Report(int kbps, int queueMillis) {
    }

    private final ArrivalDelay delays = new ArrivalDelay();
    private final RateController controller = new RateController();
    private final QueueOnset onset = new QueueOnset();
    private final long[] tickBytes = new long[RATE_TICKS];
    private final long[] tickNanos = new long[RATE_TICKS];
    private int tickIndex;
    private long bytesThisTick;
    private long lastTickNanos = Long.MIN_VALUE;
    private boolean overusedLastTick;
    private long lastQueueingMillis = -1;
    private int reportedKbps = UNLIMITED;
    private long lastReportNanos = Long.MIN_VALUE;
    private long probeResultAt = Long.MIN_VALUE;  // while a probe runs: when to read its result
    private boolean probeQueued;
    /** The most that arrived in a tick of the running probe, bits per second. */
    private double probeArrivedBps;
    /** The last probe passed carrying more than the link did when it last queued: the limit has lifted. */
    private boolean passedAboveCongestion;
    private long nextProbeAt = Long.MIN_VALUE;
    private long probeGapNanos = MIN_PROBE_GAP_NANOS;
    private boolean camerasPaused;
    private boolean camerasHeldBelow;
    private long probes;
    private long failedProbes;
    private long onsets;

    /**
     * A media frame of {@code bytes} ({@code sound}: an AUDIO frame) arrived now ({@code arrivalMicros}, wall clock as
     * the capture time). Returns a report for the server to send at once when this frame shows a queue starting
     * ({@link QueueOnset}): waiting for the tick would let the link's queue, and the sound behind it, grow for another
     * quarter of a second.
     */
    public synchronized Optional<Report> frame(int senderId, boolean sound, int bytes, long captureMicros,
                                               long arrivalMicros, long nowNanos) {
        bytesThisTick += bytes;
        long delay = delays.frame(senderId, captureMicros, arrivalMicros, nowNanos);
        double linkRate = onset.frame(senderId, sound, nowNanos, delay, bytes);
        if (Double.isNaN(linkRate) || linkRate >= NARROWED * arrivedBitsPerSecond(2)) {
            // Late frames arriving as fast as before are a queue draining (a limit lifting) or a burst the link
            // carries at its rate (a keyframe, a step up): the ticks judge those. A narrowing slows arrivals.
            return Optional.empty();
        }
        onsets++;
        overusedLastTick = true; // the next tick, still seeing the queue, confirms it
        double estimate = controller.update(nowNanos, true, false, linkRate, delay);
        return report(estimate, delay, nowNanos);
    }

    /**
     * Called every {@value #OVERDUE_CHECK_MILLIS} ms between arrivals: returns a report for the server to send at once
     * when the sound that should have arrived by now shows a queue starting ({@link QueueOnset#overdue}), before the
     * frames that prove it and its rate arrive. It carries the estimate unchanged (its rate is not known yet) with the
     * queue, so the server holds video back for this receiver while the link's queue is still short; the frames
     * then report the rate.
     */
    public synchronized Optional<Report> overdue(long nowNanos) {
        long queueMillis = onset.overdue(nowNanos);
        if (queueMillis < 0) {
            return Optional.empty();
        }
        return Optional.of(new Report(reportedKbps, (int) Math.min(queueMillis, MAX_REPORTED_QUEUE_MILLIS)));
    }

    /**
     * Whether the server pauses cameras this receiver shows for lack of downlink ({@code cameras_paused}): then what
     * arrives is held down by the estimate itself, and probing goes on however far the estimate is above it.
     */
    public synchronized void camerasPaused(boolean any) {
        camerasPaused = any;
    }

    /**
     * Whether a camera this receiver shows arrives on a lower simulcast layer than its tile would take: the estimate
     * may be what holds it there, so probing goes on up to {@link #HELD_BELOW_CEILING} times what arrives.
     */
    public synchronized void camerasHeldBelow(boolean any) {
        camerasHeldBelow = any;
    }

    public synchronized void forget(int senderId) {
        delays.forget(senderId);
    }

    /** Ends a tick: what to tell the server now. */
    public synchronized Actions tick(long nowNanos) {
        tickBytes[tickIndex] = bytesThisTick;
        tickNanos[tickIndex] = lastTickNanos == Long.MIN_VALUE ? 0 : nowNanos - lastTickNanos;
        tickIndex = (tickIndex + 1) % RATE_TICKS;
        bytesThisTick = 0;
        lastTickNanos = nowNanos;

        long queueing = delays.takeQueueingMillis();
        lastQueueingMillis = queueing;
        boolean high = queueing > OVERUSE_MILLIS;
        boolean overuse = high && overusedLastTick;
        overusedLastTick = high;
        // What arrives right now: during overuse the link's rate (a longer window would still hold the faster
        // moments before a link narrowed), during a probe the padding with the media.
        double arrived = arrivedBitsPerSecond(2);
        boolean clean = queueing >= 0 && queueing < CLEAN_MILLIS;
        double estimate = controller.update(nowNanos, overuse, clean, arrived, Math.max(0, queueing));
        if (clean) {
            // One tick: a stall's backlog arrives in one, and the tick before it may be the stall itself.
            estimate = controller.refute(nowNanos, arrivedBitsPerSecond(1));
        }
        int probeKbps = probe(nowNanos, !clean, estimate, arrived);
        return new Actions(report(estimate, overuse ? queueing : 0, nowNanos), probeKbps, probeKbps > 0 ? PROBE_MILLIS : 0);
    }

    /** Runs the probe cycle; returns the padding to ask for now, kbit/s (0: none). */
    private int probe(long nowNanos, boolean queued, double estimateBps, double arrivedBps) {
        if (probeResultAt != Long.MIN_VALUE) {
            probeQueued |= queued;
            probeArrivedBps = Math.max(probeArrivedBps, arrivedBps);
            if (nowNanos < probeResultAt) {
                return 0;
            }
            probeResultAt = Long.MIN_VALUE;
            if (probeQueued) {
                failedProbes++;
            }
            passedAboveCongestion = !probeQueued && probeArrivedBps > LIFTED_ABOVE * controller.congestedAt();
            probeGapNanos = probeQueued ? Math.min(2 * probeGapNanos, MAX_PROBE_GAP_NANOS) : MIN_PROBE_GAP_NANOS;
            nextProbeAt = nowNanos + probeGapNanos;
            return 0;
        }
        double ceiling = camerasHeldBelow ? HELD_BELOW_CEILING : PROBE_CEILING;
        if (Double.isNaN(estimateBps) || queued || !controller.settled(nowNanos) || nowNanos < nextProbeAt
                || !camerasPaused && estimateBps >= ceiling * arrivedBps) {
            return 0;
        }
        double congestedAt = controller.congestedAt();
        // Far once the link carries clearly more than when it queued, or a probe proved it carries more at all: one
        // near step after another (each 1.25 s) took 4-5 s to climb back from a lifted 600 kbit/s limit.
        double factor = estimateBps >= FAR_FROM * congestedAt || passedAboveCongestion ? FAR_PROBE : NEAR_PROBE;
        int paddingKbps = (int) ((estimateBps * factor - arrivedBps) / 1000);
        if (paddingKbps < MIN_PROBE_KBPS) {
            return 0;
        }
        probes++;
        probeQueued = false;
        probeArrivedBps = 0;
        probeResultAt = nowNanos + PROBE_MILLIS * 1_000_000L + PROBE_SETTLE_NANOS;
        return paddingKbps;
    }

    private Optional<Report> report(double estimateBps, long queueingMillis, long nowNanos) {
        int kbps = Double.isNaN(estimateBps) ? UNLIMITED : (int) Math.max(1, Math.round(estimateBps / 1000));
        if (kbps == reportedKbps) {
            return Optional.empty();
        }
        boolean decrease = reportedKbps == UNLIMITED ? kbps != UNLIMITED : kbps != UNLIMITED && kbps < reportedKbps;
        boolean moved = reportedKbps == UNLIMITED || kbps == UNLIMITED
                || Math.abs(kbps - reportedKbps) >= REPORT_CHANGE * reportedKbps;
        boolean spaced = lastReportNanos == Long.MIN_VALUE || nowNanos - lastReportNanos >= REPORT_SPACING_NANOS;
        if (!moved || !(decrease || spaced)) {
            return Optional.empty();
        }
        reportedKbps = kbps;
        lastReportNanos = nowNanos;
        return Optional.of(new Report(kbps, decrease ? (int) Math.clamp(queueingMillis, 0, MAX_REPORTED_QUEUE_MILLIS) : 0));
    }

    /** What arrived over the last {@code ticks} ticks, bits per second (0 before a tick has passed). */
    private double arrivedBitsPerSecond(int ticks) {
        long bytes = 0;
        long nanos = 0;
        for (int i = 1; i <= ticks; i++) {
            int index = Math.floorMod(tickIndex - i, RATE_TICKS);
            bytes += tickBytes[index];
            nanos += tickNanos[index];
        }
        return nanos <= 0 ? 0 : bytes * 8e9 / nanos;
    }

    /** The estimate in kbit/s, {@link #UNLIMITED} while no limit is known. */
    public synchronized int estimateKbps() {
        double estimate = controller.estimate();
        return Double.isNaN(estimate) ? UNLIMITED : (int) Math.round(estimate / 1000);
    }

    /** Probes asked for so far, and how many of them queued. */
    public synchronized long[] probeCounts() {
        return new long[]{probes, failedProbes};
    }

    /** Queues seen starting between ticks ({@link QueueOnset}) so far. */
    public synchronized long onsets() {
        return onsets;
    }

    /** Queueing measured in the last tick, ms (-1: nothing arrived). */
    public synchronized long queueingMillis() {
        return lastQueueingMillis;
    }
}
