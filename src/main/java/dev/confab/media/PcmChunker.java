package dev.confab.media;

import java.nio.ShortBuffer;

/** Re-cuts PCM arriving in device-sized pieces into fixed 20 ms chunks (960 samples at 48 kHz). */
final class PcmChunker {
    static final int CHUNK_SAMPLES = AudioFrameListener.SAMPLE_RATE / 50;

    private final short[] chunk = new short[CHUNK_SAMPLES];
    private final AudioFrameListener listener;
    private int filled;

    PcmChunker(AudioFrameListener listener) {
        this.listener = listener;
    }

    /** Consumes all remaining samples of {@code samples}, emitting every completed chunk. */
    void accept(ShortBuffer samples, long captureTimeMicros) {
        while (samples.hasRemaining()) {
            int take = Math.min(samples.remaining(), CHUNK_SAMPLES - filled);
            samples.get(chunk, filled, take);
            filled += take;
            if (filled == CHUNK_SAMPLES) {
                listener.onSamples(chunk, CHUNK_SAMPLES, captureTimeMicros);
                filled = 0;
            }
        }
    }
}
