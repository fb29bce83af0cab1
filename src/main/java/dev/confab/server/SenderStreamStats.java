package dev.confab.server;

import java.util.HashSet;
import java.util.Set;

/**
 * What the relay knows about one sender's stream: its recent bitrate, and how many of its frames were dropped
 * for slow receivers since the sender was last told. Decides when to send rate hints.
 */
final class SenderStreamStats {

    private static final long RATE_HINT_INTERVAL_NANOS = 2_000_000_000L;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private long windowStart = System.nanoTime();
    private long windowBytes;
    private long lastBitsPerSecond = -1;
    private long lastRateHint;
    private int dropped;
    private final Set<Integer> congestedReceivers = new HashSet<>();

    synchronized void countSent(int bytes) {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            lastBitsPerSecond = windowBytes * 8 * 1_000_000_000L / (now - windowStart);
            windowStart = now;
            windowBytes = 0;
        }
        windowBytes += bytes;
    }

    synchronized void countDropped(int receiverId) {
        dropped++;
        congestedReceivers.add(receiverId);
    }

    /**
     * A rate hint to send now, or null when none is due; resets the drop counters. With two or more receivers a
     * hint needs drops for more than half of them: the sender lowers its picture for everyone, which a minority
     * on poor links must not cause (the relay thins the stream for them instead; see {@code SendTargets}).
     */
    synchronized RateHintData takeRateHintIfDue(int receivers) {
        long now = System.nanoTime();
        if (dropped == 0 || (lastRateHint != 0 && now - lastRateHint < RATE_HINT_INTERVAL_NANOS)) {
            return null;
        }
        if (receivers >= 2 && congestedReceivers.size() * 2 <= receivers) {
            return null;
        }
        lastRateHint = now;
        Integer suggestedKbps = lastBitsPerSecond > 0 ? (int) Math.max(1, lastBitsPerSecond * 7 / 10 / 1000) : null;
        RateHintData hint = new RateHintData(dropped, congestedReceivers.size(), suggestedKbps);
        dropped = 0;
        congestedReceivers.clear();
        return hint;
    }

    record RateHintData(int droppedFrames, int congestedReceivers, Integer suggestedMaxKbps) {
    }
}
