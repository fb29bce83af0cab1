package dev.confab.meeting.video;

/** Counts events and bytes over the last second (ring of recent events; no allocation). Thread-safe. */
final class RateWindow {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private final long[] times = new long[256];
    private final int[] sizes = new int[256];
    private int next;
    private int filled;

    synchronized void record(long nowNanos, int bytes) {
        times[next] = nowNanos;
        sizes[next] = bytes;
        next = (next + 1) % times.length;
        filled = Math.min(filled + 1, times.length);
    }

    /** {events per second, bits per second} over the last second. */
    synchronized double[] rates(long nowNanos) {
        int events = 0;
        long bytes = 0;
        for (int i = 1; i <= filled; i++) {
            int index = (next - i + times.length) % times.length;
            if (nowNanos - times[index] > WINDOW_NANOS) {
                break;
            }
            events++;
            bytes += sizes[index];
        }
        return new double[] {events, bytes * 8.0};
    }

    synchronized long lastNanos() {
        return filled == 0 ? Long.MIN_VALUE : times[(next - 1 + times.length) % times.length];
    }
}
