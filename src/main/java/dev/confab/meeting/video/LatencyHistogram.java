package dev.confab.meeting.video;

/**
 * Latency samples in fixed buckets: 50 µs wide up to 20 ms (relay delays), then 1 ms wide up to 10 s.
 * Percentiles are exact to the bucket width; nothing is allocated per sample. Thread-safe.
 */
public final class LatencyHistogram {
    private static final int FINE_MICROS = 50;
    private static final int FINE_LIMIT_MICROS = 20_000;
    private static final int FINE_BUCKETS = FINE_LIMIT_MICROS / FINE_MICROS;
    private static final int COARSE_MICROS = 1_000;
    private static final int COARSE_BUCKETS = 10_000;

    private final long[] counts = new long[FINE_BUCKETS + COARSE_BUCKETS + 1];
    private long total;
    private long sumMicros;

    public synchronized void record(long micros) {
        long value = Math.max(0, micros);
        int bucket;
        if (value < FINE_LIMIT_MICROS) {
            bucket = (int) (value / FINE_MICROS);
        } else {
            bucket = (int) Math.min(FINE_BUCKETS + (value - FINE_LIMIT_MICROS) / COARSE_MICROS, counts.length - 1);
        }
        counts[bucket]++;
        total++;
        sumMicros += value;
    }

    public synchronized void add(LatencyHistogram other) {
        long[] theirs;
        long theirTotal;
        long theirSum;
        synchronized (other) {
            theirs = other.counts.clone();
            theirTotal = other.total;
            theirSum = other.sumMicros;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += theirs[i];
        }
        total += theirTotal;
        sumMicros += theirSum;
    }

    /** A copy of what was recorded so far. */
    public synchronized LatencyHistogram copy() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(this);
        return copy;
    }

    /** What was recorded since {@code earlier}, a {@link #copy()} of this histogram taken before. */
    public synchronized LatencyHistogram since(LatencyHistogram earlier) {
        LatencyHistogram difference = copy();
        synchronized (earlier) {
            for (int i = 0; i < counts.length; i++) {
                difference.counts[i] -= earlier.counts[i];
            }
            difference.total -= earlier.total;
            difference.sumMicros -= earlier.sumMicros;
        }
        return difference;
    }

    public synchronized long count() {
        return total;
    }

    /** The upper edge of the bucket holding the {@code percent}-th percentile, in milliseconds; NaN if empty. */
    public synchronized double percentileMillis(double percent) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(percent / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return upperEdgeMicros(i) / 1000.0;
            }
        }
        return upperEdgeMicros(counts.length - 1) / 1000.0;
    }

    public synchronized double meanMillis() {
        return total == 0 ? Double.NaN : sumMicros / 1000.0 / total;
    }

    private static long upperEdgeMicros(int bucket) {
        return bucket < FINE_BUCKETS ? (long) (bucket + 1) * FINE_MICROS
                : FINE_LIMIT_MICROS + (long) (bucket - FINE_BUCKETS + 1) * COARSE_MICROS;
    }
}
