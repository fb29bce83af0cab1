package dev.confab.testing;

import java.util.Random;

/** A deterministic stand-in for speech in audio tests: a wandering tone with noise, in syllables of about 160 ms. */
public final class SpeechLikeSignal {
    private SpeechLikeSignal() {
    }

    /** {@code samples} at 48 kHz around {@code baseHz} (±150 Hz), peaks near 9500. */
    public static short[] voice(int samples, long seed, double baseHz) {
        Random random = new Random(seed);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double hz = baseHz + 150 * Math.sin(i / 20_000.0);
            double syllable = Math.abs(Math.sin(2 * Math.PI * 3 * i / 48_000.0));
            pcm[i] = (short) (syllable * (8000 * Math.sin(2 * Math.PI * hz * i / 48_000.0) + random.nextGaussian() * 1500));
        }
        return pcm;
    }
}
