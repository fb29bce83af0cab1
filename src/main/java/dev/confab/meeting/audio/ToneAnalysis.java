package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;

/**
 * Finds the dominant frequency of a stretch of decoded sound with the Goertzel algorithm: a coarse scan in
 * 10 Hz steps, then 1 Hz steps around the best. Used by the bot's stats and tests to show that what was
 * sent (the 440 Hz test tone) is what was heard.
 */
public final class ToneAnalysis {
    private static final double LOWEST_HZ = 50;
    private static final double HIGHEST_HZ = 4000;

    private ToneAnalysis() {
    }

    /** The strongest frequency in 50..4000 Hz, or 0 when the signal is silent. */
    public static double dominantFrequency(short[] pcm, int count) {
        double best = 0;
        double bestPower = 1e-3;
        for (double f = LOWEST_HZ; f <= HIGHEST_HZ; f += 10) {
            double power = powerAt(pcm, count, f);
            if (power > bestPower) {
                bestPower = power;
                best = f;
            }
        }
        if (best == 0) {
            return 0;
        }
        double coarse = best;
        for (double f = coarse - 10; f <= coarse + 10; f += 1) {
            double power = powerAt(pcm, count, f);
            if (power > bestPower) {
                bestPower = power;
                best = f;
            }
        }
        return best;
    }

    /** Goertzel power of one frequency, normalised by length. */
    public static double powerAt(short[] pcm, int count, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / AudioFrameListener.SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < count; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return (previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious) / count;
    }
}
