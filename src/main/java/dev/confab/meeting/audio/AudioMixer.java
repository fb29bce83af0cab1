package dev.confab.meeting.audio;

import java.util.Arrays;

/**
 * Sums 20 ms frames of several participants into one and keeps the sum inside 16 bits without wrapping.
 * A plain sum is kept bit-exact while it fits; when it would clip, a limiter lowers the gain at once and
 * lets it recover over about a quarter second, so loud overlaps are turned down instead of distorting.
 * One thread (the mixer's).
 */
public final class AudioMixer {
    private static final double RELEASE_PER_FRAME = 0.08;

    private final int[] sum;
    private double gain = 1.0;
    private int inputs;

    public AudioMixer(int frameSamples) {
        this.sum = new int[frameSamples];
    }

    /** Starts a new frame. */
    public void clear() {
        Arrays.fill(sum, 0);
        inputs = 0;
    }

    public void add(short[] pcm, int count) {
        int n = Math.min(count, sum.length);
        for (int i = 0; i < n; i++) {
            sum[i] += pcm[i];
        }
        inputs++;
    }

    /** Samples per frame. */
    public int frameSamples() {
        return sum.length;
    }

    /** Number of frames added since {@link #clear()}. */
    public int inputs() {
        return inputs;
    }

    /** Writes the limited mix into {@code out} (at least one frame long). */
    public void mixInto(short[] out) {
        int peak = 0;
        for (int value : sum) {
            peak = Math.max(peak, Math.abs(value));
        }
        double needed = peak > Short.MAX_VALUE ? (double) Short.MAX_VALUE / peak : 1.0;
        gain = needed < gain ? needed : Math.min(needed, gain + (1.0 - gain) * RELEASE_PER_FRAME + 1e-3);
        if (gain > 0.9999 && peak <= Short.MAX_VALUE) {
            gain = 1.0;
        }
        for (int i = 0; i < sum.length; i++) {
            long scaled = gain == 1.0 ? sum[i] : Math.round(sum[i] * gain);
            out[i] = (short) Math.clamp(scaled, Short.MIN_VALUE, Short.MAX_VALUE);
        }
    }

    /** The limiter's current gain (1 = untouched). */
    public double gain() {
        return gain;
    }
}
