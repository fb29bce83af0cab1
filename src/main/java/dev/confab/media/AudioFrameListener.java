package dev.confab.media;

/** Receives 48 kHz mono 16-bit PCM on the audio thread. The array is reused: copy before returning. */
@FunctionalInterface
public interface AudioFrameListener {
    int SAMPLE_RATE = 48_000;

    void onSamples(short[] pcm, int count, long captureTimeMicros);
}
