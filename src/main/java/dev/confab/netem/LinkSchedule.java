package dev.confab.netem;

/**
 * A {@link LinkSpec} running on the monotonic clock: timed phases count from {@link #start}, before which only the
 * constant rules apply. Shared by every pipe of one emulator, so all its connections see one timeline.
 */
final class LinkSchedule {

    /** The longest a waiting pipe sleeps before looking again (a schedule started meanwhile, a close). */
    static final long MAX_PAUSE_NANOS = 20_000_000;

    private final LinkSpec spec;
    private volatile long startedAt;
    private volatile boolean started;

    LinkSchedule(LinkSpec spec) {
        this.spec = spec;
    }

    LinkSpec spec() {
        return spec;
    }

    /** Starts the timed phases now, unless they already run. */
    synchronized void start(long now) {
        if (!started) {
            startedAt = now;
            started = true;
        }
    }

    boolean started() {
        return started;
    }

    long startedAt() {
        return startedAt;
    }

    LinkConditions conditions(Direction direction, long now) {
        return spec.conditions(direction, elapsed(now));
    }

    boolean outage(long now) {
        return spec.outageAt(elapsed(now));
    }

    /** How long a pipe may sleep before the conditions can change (at most {@link #MAX_PAUSE_NANOS}). */
    long pauseBefore(long now, long wanted) {
        long pause = Math.min(wanted, MAX_PAUSE_NANOS);
        if (started) {
            long elapsed = now - startedAt;
            long next = spec.nextChangeAfter(elapsed);
            if (next != Long.MAX_VALUE) {
                pause = Math.min(pause, next - elapsed);
            }
        }
        return Math.max(1, pause);
    }

    private long elapsed(long now) {
        return started ? now - startedAt : Long.MIN_VALUE;
    }
}
