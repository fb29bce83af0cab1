package dev.confab.server;

import dev.confab.protocol.MediaFrameHeader;

/**
 * What one sender's simulcast camera layers carry: each layer's bit rate over the last full second and when it
 * was last seen. A layer not seen for {@link #GONE_MILLIS} is gone (the sender stopped it, e.g. the meeting
 * shrank to two). Thread-safe: the sender's relay thread writes, every receiver's reads.
 */
final class LayerRates {

    static final long GONE_MILLIS = 1_500;
    private static final long WINDOW_MILLIS = 1_000;

    private final long[] windowStart = new long[MediaFrameHeader.MAX_LAYERS];
    private final long[] windowBytes = new long[MediaFrameHeader.MAX_LAYERS];
    private final long[] kbps = new long[MediaFrameHeader.MAX_LAYERS];
    private final long[] lastSeen = new long[MediaFrameHeader.MAX_LAYERS];

    LayerRates() {
        java.util.Arrays.fill(lastSeen, Long.MIN_VALUE / 2);
    }

    synchronized void frame(int layer, int bytes, long nowMillis) {
        if (nowMillis - windowStart[layer] >= WINDOW_MILLIS) {
            long elapsed = nowMillis - windowStart[layer];
            kbps[layer] = elapsed < 2 * WINDOW_MILLIS ? windowBytes[layer] * 8 / elapsed : 0;
            windowStart[layer] = nowMillis;
            windowBytes[layer] = 0;
        }
        windowBytes[layer] += bytes;
        lastSeen[layer] = nowMillis;
    }

    synchronized boolean present(int layer, long nowMillis) {
        return nowMillis - lastSeen[layer] < GONE_MILLIS;
    }

    /** The layer's rate over its last full second, kbit/s; 0 before one has passed. */
    synchronized long kbps(int layer) {
        return kbps[layer];
    }
}
