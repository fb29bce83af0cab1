package dev.confab.media;

/**
 * Loudness of 16-bit PCM: RMS and peak in dBFS (0 dBFS = full scale, so a full-scale sine has an RMS of
 * -3 dBFS), and a 0..1 meter that jumps up with the voice and falls back slowly, so it reads as speech
 * rather than flicker. One instance per meter (the smoothing is state); the static functions are pure.
 */
public final class AudioLevel {
    /** Reported for digital silence: below anything 16-bit PCM can carry (about -96 dBFS). */
    public static final double FLOOR_DBFS = -100.0;
    /** RMS at or below this shows an empty meter; 0 dBFS shows a full one. */
    public static final double METER_RANGE_DBFS = -60.0;

    private static final double FULL_SCALE = 32768.0;
    private static final double ATTACK_SECONDS = 0.005;
    private static final double RELEASE_SECONDS = 0.3;

    private double meter;

    public static double rmsDbfs(short[] pcm, int count) {
        checkCount(pcm, count);
        if (count == 0) {
            return FLOOR_DBFS;
        }
        double sumOfSquares = 0;
        for (int i = 0; i < count; i++) {
            double sample = pcm[i];
            sumOfSquares += sample * sample;
        }
        return toDbfs(Math.sqrt(sumOfSquares / count));
    }

    public static double peakDbfs(short[] pcm, int count) {
        checkCount(pcm, count);
        int peak = 0;
        for (int i = 0; i < count; i++) {
            peak = Math.max(peak, Math.abs((int) pcm[i]));
        }
        return toDbfs(peak);
    }

    /** Feeds one chunk (any length, 48 kHz) and returns the updated meter value in 0..1. */
    public double update(short[] pcm, int count) {
        double target = meterValue(rmsDbfs(pcm, count));
        double seconds = (double) count / AudioFrameListener.SAMPLE_RATE;
        double timeConstant = target > meter ? ATTACK_SECONDS : RELEASE_SECONDS;
        double keep = Math.exp(-seconds / timeConstant);
        meter = target + (meter - target) * keep;
        return meter;
    }

    public double meter() {
        return meter;
    }

    /** Maps dBFS linearly onto 0..1 over {@link #METER_RANGE_DBFS}..0. */
    public static double meterValue(double dbfs) {
        return Math.clamp((dbfs - METER_RANGE_DBFS) / -METER_RANGE_DBFS, 0.0, 1.0);
    }

    private static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return FLOOR_DBFS;
        }
        return Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude / FULL_SCALE));
    }

    private static void checkCount(short[] pcm, int count) {
        if (count < 0 || count > pcm.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + pcm.length);
        }
    }
}
