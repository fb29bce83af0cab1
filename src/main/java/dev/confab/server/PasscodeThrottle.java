package dev.confab.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows passcode guessing down instead of locking anyone out. Wrong passcodes are counted per (address,
 * meeting) and per meeting; past a few free ones, each makes the next try in that scope wait longer
 * ({@link GuessBackoff}). A try during the wait is refused without being checked or counted, so a colleague
 * behind the same NAT as a guesser still gets in with the right passcode once the (short, capped) wait is
 * over, while guessing stays bounded per hour (numbers in docs/security.md, "Limits").
 *
 * <p>An attempt is counted as wrong when it starts ({@link #begin}) and given back when the passcode turns out
 * right ({@link Attempt#succeeded}): many connections trying at the same moment thus cannot all slip through
 * the same free slot while the slow passcode hash is being checked.
 */
final class PasscodeThrottle {

    /** A passcode check that was allowed to run; report its outcome. */
    final class Attempt {
        private final String addressKey;
        private final String meetingKey;

        private Attempt(String addressKey, String meetingKey) {
            this.addressKey = addressKey;
            this.meetingKey = meetingKey;
        }

        /** The right passcode: this attempt does not count against anyone. */
        void succeeded() {
            giveBack(byAddress, addressKey);
            giveBack(byMeeting, meetingKey);
        }

        /** Milliseconds before the next try from this address for this meeting may be checked (0: right away). */
        long waitBeforeNextTry() {
            return millisUntilAllowed(addressKey, meetingKey);
        }
    }

    /** The outcome of {@link #begin}: either an attempt to check, or how long to wait. */
    record Start(Attempt attempt, long waitMillis) {
    }

    private record Failures(int count, Instant last, Instant nextTry) {
    }

    private final GuessBackoff perAddress;
    private final GuessBackoff perMeeting;
    private final Clock clock;
    private final ConcurrentMap<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Failures> byMeeting = new ConcurrentHashMap<>();

    PasscodeThrottle(GuessBackoff perAddress, GuessBackoff perMeeting, Clock clock) {
        this.perAddress = perAddress;
        this.perMeeting = perMeeting;
        this.clock = clock;
    }

    /** Starts a passcode check from {@code address} for {@code meetingId}, unless it must wait first. */
    Start begin(String address, String meetingId) {
        String addressKey = address + "|" + meetingId;
        long wait = millisUntilAllowed(addressKey, meetingId);
        if (wait > 0) {
            return new Start(null, wait);
        }
        Instant now = clock.instant();
        byAddress.compute(addressKey, (k, old) -> countWrong(old, perAddress, now));
        byMeeting.compute(meetingId, (k, old) -> countWrong(old, perMeeting, now));
        return new Start(new Attempt(addressKey, meetingId), 0);
    }

    void forgetMeeting(String meetingId) {
        byMeeting.remove(meetingId);
        byAddress.keySet().removeIf(k -> k.endsWith("|" + meetingId));
    }

    private long millisUntilAllowed(String addressKey, String meetingKey) {
        Instant now = clock.instant();
        return Math.max(waitIn(byAddress, addressKey, perAddress, now), waitIn(byMeeting, meetingKey, perMeeting, now));
    }

    private static long waitIn(ConcurrentMap<String, Failures> map, String key, GuessBackoff backoff, Instant now) {
        Failures f = map.get(key);
        if (f == null) {
            return 0;
        }
        if (backoff.forgotten(f.last(), now)) {
            map.remove(key, f);
            return 0;
        }
        return Math.max(0, Duration.between(now, f.nextTry()).toMillis());
    }

    private static Failures countWrong(Failures old, GuessBackoff backoff, Instant now) {
        int count = old == null || backoff.forgotten(old.last(), now) ? 1 : old.count() + 1;
        return new Failures(count, now, now.plus(backoff.delayAfter(count)));
    }

    /** Undoes one provisional failure; the wait it started is shortened back to what the rest call for. */
    private void giveBack(ConcurrentMap<String, Failures> map, String key) {
        GuessBackoff backoff = map == byAddress ? perAddress : perMeeting;
        map.computeIfPresent(key, (k, f) -> f.count() <= 1 ? null
                : new Failures(f.count() - 1, f.last(), f.last().plus(backoff.delayAfter(f.count() - 1))));
    }
}
