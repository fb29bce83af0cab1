package dev.confab.media.effects;

/**
 * What the effect costs: milliseconds per frame of the effect itself (shrinking, mask smoothing, blur, compositing;
 * not the model) and of the model's runs, as p50/p95, and how often the model ran. Written by the camera thread
 * into fixed histograms (0.1 ms buckets), read by anyone.
 */
public final class EffectStats {
    /** Figures so far; {@code modelRate} is model runs per processed frame (1 = every frame). */
    public record Snapshot(long frames, long modelRuns, double effectP50Millis, double effectP95Millis,
                           double modelP50Millis, double modelP95Millis, double modelRate) {
    }

    private static final int BUCKETS = 2000; // 0..200 ms

    private final long[] effect = new long[BUCKETS];
    private final long[] model = new long[BUCKETS];
    private long frames;
    private long modelRuns;

    synchronized void record(long effectNanos, long modelNanos) {
        frames++;
        effect[bucket(effectNanos)]++;
        if (modelNanos >= 0) {
            modelRuns++;
            model[bucket(modelNanos)]++;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(frames, modelRuns, percentile(effect, frames, 0.5), percentile(effect, frames, 0.95),
                percentile(model, modelRuns, 0.5), percentile(model, modelRuns, 0.95),
                frames == 0 ? 0 : (double) modelRuns / frames);
    }

    private static int bucket(long nanos) {
        return (int) Math.min(BUCKETS - 1, nanos / 100_000);
    }

    private static double percentile(long[] histogram, long count, double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (i + 0.5) / 10.0;
            }
        }
        return BUCKETS / 10.0;
    }
}
