package dev.confab.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits passcode guessing: after {@code attempts} wrong passcodes from one address for one meeting, further
 * tries are refused until {@code lockout} has passed since the last wrong one.
 */
final class PasscodeThrottle {

    private record Failures(int count, Instant last) {
    }

    private final int attempts;
    private final Duration lockout;
    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    PasscodeThrottle(int attempts, Duration lockout, Clock clock) {
        this.attempts = attempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Seconds the caller must still wait, or 0 when it may try. */
    long secondsUntilAllowed(String address, String meetingId) {
        Failures f = failures.get(key(address, meetingId));
        if (f == null || f.count() < attempts) {
            return 0;
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(lockout));
        if (left.isNegative() || left.isZero()) {
            failures.remove(key(address, meetingId), f);
            return 0;
        }
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }

    void recordFailure(String address, String meetingId) {
        Instant now = clock.instant();
        failures.merge(key(address, meetingId), new Failures(1, now),
                (old, one) -> new Failures(old.count() + 1, now));
    }

    void recordSuccess(String address, String meetingId) {
        failures.remove(key(address, meetingId));
    }

    void forgetMeeting(String meetingId) {
        failures.keySet().removeIf(k -> k.endsWith("|" + meetingId));
    }

    private static String key(String address, String meetingId) {
        return address + "|" + meetingId;
    }
}
