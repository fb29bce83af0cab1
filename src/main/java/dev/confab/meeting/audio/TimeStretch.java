package dev.confab.meeting.audio;

/**
 * Makes a block of decoded sound one pitch period longer or shorter without changing its pitch, the way WebRTC's
 * NetEQ grows and shrinks its jitter buffer (its "preemptive expand" and "accelerate"): the period is found by
 * autocorrelation, and one period is repeated or removed with a cross-fade between two neighbouring periods. Voiced
 * sound and tones are nearly periodic, so the seam is inaudible; sound that is not periodic enough (noise, a
 * consonant, a transient) is left as it is, and the caller tries again with the next block. Near-silence can always
 * be stretched, by the longest period allowed.
 *
 * <p>For mono 16-bit sound at 48 kHz; pure, allocation-free after construction, not thread-safe (one per voice).
 */
final class TimeStretch {

    /** Shortest period searched: 2 ms (500 Hz, above any speaking voice's fundamental). */
    static final int MIN_PERIOD = 96;
    /** Longest period searched: 10 ms (100 Hz); two periods must fit in a block. */
    static final int MAX_PERIOD = 480;
    /** Normalised correlation of two neighbouring periods needed for a seamless cross-fade. */
    static final double MIN_CORRELATION = 0.9;
    /** Below this mean energy (about -50 dBFS) the block is near-silence: any seam is inaudible. */
    private static final double SILENT_ENERGY = 32768.0 * 32768.0 * 1e-5;

    /**
     * The period to cross-fade over in {@code block[0, length)}, or 0 when the block is not periodic enough. The
     * search needs {@code length >= 2 * MIN_PERIOD}.
     */
    int period(short[] block, int length) {
        int maxPeriod = Math.min(MAX_PERIOD, length / 2);
        if (maxPeriod < MIN_PERIOD) {
            return 0;
        }
        double energy = 0;
        for (int i = 0; i < 2 * maxPeriod; i++) {
            energy += (double) block[i] * block[i];
        }
        if (energy / (2 * maxPeriod) < SILENT_ENERGY) {
            return maxPeriod;
        }
        int best = 0;
        double bestCorrelation = MIN_CORRELATION;
        for (int lag = MIN_PERIOD; lag <= maxPeriod; lag++) {
            double cross = 0;
            double first = 0;
            double second = 0;
            for (int i = 0; i < lag; i++) {
                int a = block[i];
                int b = block[i + lag];
                cross += (double) a * b;
                first += (double) a * a;
                second += (double) b * b;
            }
            double correlation = first == 0 || second == 0 ? 0 : cross / Math.sqrt(first * second);
            // Ties go to the longer period: it stretches more per seam, so fewer seams are needed.
            if (correlation >= bestCorrelation - 1e-3) {
                if (correlation > bestCorrelation) {
                    bestCorrelation = correlation;
                }
                best = lag;
            }
        }
        return best;
    }

    /**
     * Writes {@code in[0, length)} with one period repeated into {@code out} and returns the new length
     * ({@code length + period}); returns {@code length} with the sound copied unchanged when it is not periodic.
     * {@code out} must hold {@code length + MAX_PERIOD} samples.
     */
    int lengthen(short[] in, int length, short[] out) {
        int period = period(in, length);
        if (period == 0) {
            System.arraycopy(in, 0, out, 0, length);
            return length;
        }
        System.arraycopy(in, 0, out, 0, period);
        // The repeated period starts as the second period and ends as the first, so both seams continue smoothly.
        for (int i = 0; i < period; i++) {
            double fadeIn = (double) i / period;
            out[period + i] = (short) Math.round(in[period + i] * (1 - fadeIn) + in[i] * fadeIn);
        }
        System.arraycopy(in, period, out, 2 * period, length - period);
        return length + period;
    }

    /**
     * Writes {@code in[0, length)} with one period removed into {@code out} and returns the new length
     * ({@code length - period}); returns {@code length} with the sound copied unchanged when it is not periodic.
     */
    int shorten(short[] in, int length, short[] out) {
        int period = period(in, length);
        if (period == 0) {
            System.arraycopy(in, 0, out, 0, length);
            return length;
        }
        // The first two periods become one that starts as the first and ends as the second.
        for (int i = 0; i < period; i++) {
            double fadeIn = (double) i / period;
            out[i] = (short) Math.round(in[i] * (1 - fadeIn) + in[period + i] * fadeIn);
        }
        System.arraycopy(in, 2 * period, out, period, length - 2 * period);
        return length - period;
    }
}
