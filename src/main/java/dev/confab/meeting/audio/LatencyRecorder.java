package dev.confab.meeting.audio;

/** Mouth-to-ear latencies in 1 ms bins (0..2 s; later ones count as 2 s) for p50/p95. Thread-safe. */
public final class LatencyRecorder {
    private static final int MAX_MILLIS = 2000;
    private final long[] bins = new long[MAX_MILLIS + 1];
    private long count;

    public synchronized void record(long micros) {
        int millis = (int) Math.clamp(Math.round(micros / 1000.0), 0, MAX_MILLIS);
        bins[millis]++;
        count++;
    }

    public synchronized long count() {
        return count;
    }

    /** The {@code fraction} quantile (0.5 = median) in milliseconds, or NaN with no samples. */
    public synchronized double percentileMillis(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int millis = 0; millis < bins.length; millis++) {
            seen += bins[millis];
            if (seen >= Math.max(rank, 1)) {
                return millis;
            }
        }
        return MAX_MILLIS;
    }

    /** The samples recorded since {@code earlier}, a copy of this recorder taken before ({@link #addAll} into a new one). */
    public synchronized LatencyRecorder since(LatencyRecorder earlier) {
        LatencyRecorder difference = new LatencyRecorder();
        synchronized (earlier) {
            for (int i = 0; i < bins.length; i++) {
                difference.bins[i] = bins[i] - earlier.bins[i];
            }
            difference.count = count - earlier.count;
        }
        return difference;
    }

    /** Adds another recorder's samples (for totals over participants). */
    public synchronized void addAll(LatencyRecorder other) {
        long[] copy;
        synchronized (other) {
            copy = other.bins.clone();
        }
        for (int i = 0; i < copy.length; i++) {
            bins[i] += copy[i];
            count += copy[i];
        }
    }
}
