package dev.confab.media;

/**
 * Loudness of the most recent audio block in dBFS (0 = full scale, {@link #SILENCE_DBFS} = silence). The
 * audio thread feeds it through {@link #onSamples}; any thread (e.g. a meter redrawn once per frame) reads
 * {@link #latest()}. Lock-free: one volatile write per block.
 */
public final class AudioLevel implements AudioFrameListener {
    public static final double SILENCE_DBFS = -90.0;

    /** RMS and peak of one block, both in dBFS, clamped to [{@link #SILENCE_DBFS}, 0]. */
    public record Level(double rmsDbfs, double peakDbfs) {
        public static final Level SILENT = new Level(SILENCE_DBFS, SILENCE_DBFS);
    }

    private volatile Level latest = Level.SILENT;

    @Override
    public void onSamples(short[] pcm, int count, long captureTimeMicros) {
        latest = measure(pcm, count);
    }

    public Level latest() {
        return latest;
    }

    public void reset() {
        latest = Level.SILENT;
    }

    public static Level measure(short[] pcm, int count) {
        if (count <= 0) {
            return Level.SILENT;
        }
        double sumSquares = 0;
        int peak = 0;
        for (int i = 0; i < count; i++) {
            int s = pcm[i];
            sumSquares += (double) s * s;
            peak = Math.max(peak, Math.abs(s));
        }
        double rms = Math.sqrt(sumSquares / count) / 32768.0;
        return new Level(toDbfs(rms), toDbfs(peak / 32768.0));
    }

    static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, Math.min(0.0, 20 * Math.log10(amplitude)));
    }
}
