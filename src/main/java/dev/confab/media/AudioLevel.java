package dev.confab.media;

/**
 * Loudness of 16-bit PCM: RMS and peak in dBFS (0 dBFS = full scale, so a full-scale sine has an RMS of
 * -3 dBFS), and a 0..1 meter that jumps up with the voice and falls back slowly, so it reads as speech
 * rather than flicker. The static functions are pure. An instance is one meter: the audio thread feeds it
 * through {@link #onSamples}; any thread (a meter redrawn once per pulse, a voice-activity detector) reads
 * {@link #latest()} and {@link #meter()} without locking.
 */
public final class AudioLevel implements AudioFrameListener {
    /** Reported for digital silence: below anything 16-bit PCM can carry (about -96 dBFS). */
    public static final double FLOOR_DBFS = -100.0;
    /** RMS at or below this shows an empty meter; 0 dBFS shows a full one. */
    public static final double METER_RANGE_DBFS = -60.0;

    private static final double FULL_SCALE = 32768.0;
    private static final double ATTACK_SECONDS = 0.005;
    private static final double RELEASE_SECONDS = 0.3;

    /** RMS and peak of one block, both in dBFS, within [{@link #FLOOR_DBFS}, 0]. */
    public record Level(double rmsDbfs, double peakDbfs) {
        public static final Level SILENT = new Level(FLOOR_DBFS, FLOOR_DBFS);
    }

    private volatile Level latest = Level.SILENT;
    private volatile double meter;

    @Override
    public void onSamples(short[] pcm, int count, long captureTimeMicros) {
        update(pcm, count);
    }

    /** Feeds one chunk (any length, 48 kHz) and returns the updated meter value in 0..1. */
    public double update(short[] pcm, int count) {
        Level level = measure(pcm, count);
        double target = meterValue(level.rmsDbfs());
        double seconds = (double) count / SAMPLE_RATE;
        double timeConstant = target > meter ? ATTACK_SECONDS : RELEASE_SECONDS;
        double keep = Math.exp(-seconds / timeConstant);
        meter = target + (meter - target) * keep;
        latest = level;
        return meter;
    }

    public Level latest() {
        return latest;
    }

    public double meter() {
        return meter;
    }

    public void reset() {
        latest = Level.SILENT;
        meter = 0;
    }

    public static Level measure(short[] pcm, int count) {
        checkCount(pcm, count);
        if (count == 0) {
            return Level.SILENT;
        }
        double sumOfSquares = 0;
        int peak = 0;
        for (int i = 0; i < count; i++) {
            int sample = pcm[i];
            sumOfSquares += (double) sample * sample;
            peak = Math.max(peak, Math.abs(sample));
        }
        return new Level(toDbfs(Math.sqrt(sumOfSquares / count)), toDbfs(peak));
    }

    public static double rmsDbfs(short[] pcm, int count) {
        return measure(pcm, count).rmsDbfs();
    }

    public static double peakDbfs(short[] pcm, int count) {
        return measure(pcm, count).peakDbfs();
    }

    /** Maps dBFS linearly onto 0..1 over {@link #METER_RANGE_DBFS}..0. */
    public static double meterValue(double dbfs) {
        return Math.clamp((dbfs - METER_RANGE_DBFS) / -METER_RANGE_DBFS, 0.0, 1.0);
    }

    private static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return FLOOR_DBFS;
        }
        return Math.clamp(20 * Math.log10(amplitude / FULL_SCALE), FLOOR_DBFS, 0.0);
    }

    private static void checkCount(short[] pcm, int count) {
        if (count < 0 || count > pcm.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + pcm.length);
        }
    }
}
