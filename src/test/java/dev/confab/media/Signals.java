package dev.confab.media;

/** Synthetic test signals and a single-frequency detector for the audio tests. */
final class Signals {
    private Signals() {
    }

    static short[] sine(double frequency, double amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * frequency * i / AudioFrameListener.SAMPLE_RATE));
        }
        return pcm;
    }

    /** Goertzel power of {@code frequency} in the signal, normalised by length. */
    static double powerAt(short[] pcm, int count, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / AudioFrameListener.SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < count; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return power / count;
    }
}
