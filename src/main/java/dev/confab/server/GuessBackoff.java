package dev.confab.server;

import java.time.Duration;
import java.time.Instant;

/**
 * The growing wait after wrong guesses: the first {@code free} cost nothing, then each doubles the wait before
 * the next try, from {@code first} up to {@code max}. Failures are forgotten after {@link #FORGET_AFTER} without
 * a new one, so yesterday's typos do not slow anyone down today.
 */
record GuessBackoff(int free, Duration first, Duration max) {

    static final Duration FORGET_AFTER = Duration.ofHours(1);

    GuessBackoff {
        if (free < 0 || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("Need free >= 0 and 0 <= first <= max");
        }
    }

    /** The wait before the next try after {@code failures} wrong ones in a row. */
    Duration delayAfter(int failures) {
        int beyondFree = failures - free;
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        Duration delay = first.multipliedBy(1L << Math.min(beyondFree - 1, 30));
        return delay.compareTo(max) > 0 ? max : delay;
    }

    boolean forgotten(Instant lastFailure, Instant now) {
        return !now.isBefore(lastFailure.plus(FORGET_AFTER));
    }
}
