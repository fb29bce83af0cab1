package dev.confab.server;

import java.time.Duration;

/**
 * Bounds for scheduled meetings (docs/protocol.md section 6.11). {@code grace} is how long after its planned end
 * a scheduled meeting's ID keeps working (meetings overrun); {@code tombstone} how long a cancelled or expired ID
 * still answers MEETING_CANCELLED / MEETING_EXPIRED instead of MEETING_NOT_FOUND; {@code sweep} how often
 * expired entries are deleted from the data folder.
 */
public record ScheduleLimits(int maxPerAddress, int maxOnServer, Duration grace, Duration tombstone,
                             Duration maxAhead, Duration sweep) {

    public static final int MIN_DURATION_MINUTES = 5;
    public static final int MAX_DURATION_MINUTES = 24 * 60;
    /** A start a little in the past is accepted: "now" typed on a slow machine must still work. */
    public static final Duration START_SLACK = Duration.ofMinutes(5);

    public static ScheduleLimits defaults() {
        return new ScheduleLimits(20, 2000, Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(366),
                Duration.ofMinutes(1));
    }

    public ScheduleLimits {
        if (maxPerAddress < 1 || maxOnServer < 1 || grace.isNegative() || tombstone.isNegative()
                || maxAhead.isNegative() || sweep.isNegative() || sweep.isZero()) {
            throw new IllegalArgumentException("Schedule limits must be positive");
        }
    }
}
