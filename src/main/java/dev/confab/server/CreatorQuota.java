package dev.confab.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * How many meetings each client address may create: at most {@code maxLive} of its meetings exist at once, and
 * at most {@code perHour} are created in any 60 minutes. Without this one client could open every meeting slot
 * of the server and lock everyone else out (SERVER_FULL for all). Thread-safe.
 */
final class CreatorQuota {

    static final Duration WINDOW = Duration.ofHours(1);

    /** Why a creation is refused; {@code retryAfterSeconds} is null when only ending a meeting helps. */
    record Refusal(String message, Integer retryAfterSeconds) {
    }

    private static final class Usage {
        int live;
        final ArrayDeque<Instant> recentCreations = new ArrayDeque<>();
    }

    private final int maxLive;
    private final int perHour;
    private final Clock clock;
    private final Map<String, Usage> byAddress = new HashMap<>();
    private Instant lastSweep = Instant.EPOCH;

    CreatorQuota(int maxLive, int perHour, Clock clock) {
        this.maxLive = maxLive;
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Counts a new meeting for {@code address}, or says why it may not create one now. */
    synchronized Refusal tryCreate(String address) {
        Instant now = clock.instant();
        sweepIdleAddresses(now);
        Usage usage = byAddress.computeIfAbsent(address, a -> new Usage());
        forgetOld(usage, now);
        if (usage.live >= maxLive) {
            return new Refusal("Connections from your address already have " + maxLive
                    + " meetings open on this server", null);
        }
        if (usage.recentCreations.size() >= perHour) {
            Duration wait = Duration.between(now, usage.recentCreations.peekFirst().plus(WINDOW));
            return new Refusal("Your address created " + perHour + " meetings in the last hour",
                    (int) Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        usage.live++;
        usage.recentCreations.addLast(now);
        return null;
    }

    /** A meeting created from {@code address} is gone: its slot is free again. */
    synchronized void meetingRemoved(String address) {
        Usage usage = byAddress.get(address);
        if (usage == null) {
            return;
        }
        usage.live = Math.max(0, usage.live - 1);
        forgetOld(usage, clock.instant());
        if (usage.live == 0 && usage.recentCreations.isEmpty()) {
            byAddress.remove(address);
        }
    }

    /** Once a minute, drops addresses with no live meeting and no creation in the window, so the map stays small. */
    private void sweepIdleAddresses(Instant now) {
        if (Duration.between(lastSweep, now).toSeconds() < 60) {
            return;
        }
        lastSweep = now;
        byAddress.values().removeIf(usage -> {
            forgetOld(usage, now);
            return usage.live == 0 && usage.recentCreations.isEmpty();
        });
    }

    private static void forgetOld(Usage usage, Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!usage.recentCreations.isEmpty() && !usage.recentCreations.peekFirst().isAfter(horizon)) {
            usage.recentCreations.removeFirst();
        }
    }
}
