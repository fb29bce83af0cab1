package dev.confab.media;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a synthetic source (lavfi produces frames as fast as the CPU allows) to real time, like ffmpeg's
 * {@code -re}. Real devices pace themselves and do not use this.
 */
final class RealTimePacer {
    /** Falling further behind than this (a stalled machine) restarts the schedule instead of bursting. */
    private static final long MAX_LAG_NANOS = 200_000_000L;

    private final long periodNanos;
    private long nextDeadline;

    RealTimePacer(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.periodNanos = periodNanos;
        this.nextDeadline = System.nanoTime();
    }

    static RealTimePacer framesPerSecond(int fps) {
        return new RealTimePacer(1_000_000_000L / fps);
    }

    /** Blocks until the next slot; returns early (without clearing it) if the thread is interrupted. */
    void awaitNextSlot() {
        long now = System.nanoTime();
        if (now - nextDeadline > MAX_LAG_NANOS) {
            nextDeadline = now;
        }
        while (!Thread.currentThread().isInterrupted()) {
            long remaining = nextDeadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            LockSupport.parkNanos(remaining);
        }
        nextDeadline += periodNanos;
    }
}
