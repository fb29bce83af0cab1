package dev.confab.netem;

/**
 * The serialisation of a link of a given rate, as a token bucket in bytes that may go into debt: a reader waits
 * until the bucket is not in debt, reads at most {@link #readSize} bytes and pays for what it read. The debt makes
 * the long-run rate exact whatever the read sizes, and the small depth keeps bursts to about one packet train
 * (a real bottleneck has no burst allowance beyond what its line rate sends back to back).
 * Not thread-safe: one pipe direction owns it. Times are {@link System#nanoTime()} values passed in.
 */
final class Bottleneck {

    /** Bursts and reads at least one Ethernet packet, even at low rates. */
    private static final int MIN_DEPTH_BYTES = 1500;
    /** Bursts and reads at most 5 ms of the rate, so throughput follows a rate change within milliseconds. */
    private static final double DEPTH_SECONDS = 0.005;
    private static final int UNLIMITED_READ_BYTES = 64 * 1024;

    private long bitsPerSecond = LinkConditions.UNLIMITED;
    private double tokens;
    private long lastRefill;

    void setRate(long value, long now) {
        refill(now);
        if (value != bitsPerSecond) {
            // A debt is bytes still being sent at the old rate: it keeps its time, not its size.
            tokens = tokens < 0 && bitsPerSecond != LinkConditions.UNLIMITED && value != LinkConditions.UNLIMITED
                    ? tokens * value / bitsPerSecond : 0;
            bitsPerSecond = value;
        }
    }

    /** How long to wait before the next read; 0 when a read may happen now. */
    long nanosUntilReadable(long now) {
        if (bitsPerSecond == LinkConditions.UNLIMITED) {
            return 0;
        }
        refill(now);
        return tokens > 0 ? 0 : (long) Math.ceil((1 - tokens) / bytesPerNano());
    }

    /** The most bytes the next read should take. */
    int readSize() {
        return bitsPerSecond == LinkConditions.UNLIMITED ? UNLIMITED_READ_BYTES : (int) depth();
    }

    void spend(int bytes, long now) {
        if (bitsPerSecond != LinkConditions.UNLIMITED) {
            refill(now);
            tokens -= bytes;
        }
    }

    private void refill(long now) {
        if (bitsPerSecond != LinkConditions.UNLIMITED) {
            tokens = Math.min(depth(), tokens + (now - lastRefill) * bytesPerNano());
        }
        lastRefill = now;
    }

    private double depth() {
        return Math.max(MIN_DEPTH_BYTES, bitsPerSecond / 8.0 * DEPTH_SECONDS);
    }

    private double bytesPerNano() {
        return bitsPerSecond / 8e9;
    }
}
