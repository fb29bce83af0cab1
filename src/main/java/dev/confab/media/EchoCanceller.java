package dev.confab.media;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;

import java.util.function.LongSupplier;

/**
 * Acoustic echo cancellation and noise suppression for laptop speakers, by WebRTC's audio processing
 * module (through webrtc-java, whose native library ships for Linux, Windows and macOS). The playback
 * side hands in what is being played ({@link #onPlayback}, the far end); the capture side has the
 * microphone's chunks cleaned in place ({@link #processCapture}, the near end) before encoding. WebRTC
 * works on 10 ms blocks, so each 20 ms chunk is two blocks. The two sides may be called from two threads
 * (WebRTC locks each side itself); each side is used by one thread at a time.
 */
public final class EchoCanceller implements AutoCloseable {
    private static final int BLOCK = AudioFrameListener.SAMPLE_RATE / 100;
    /** Microphone path latency not visible to us (device buffer, FFmpeg), a typical figure. */
    private static final int CAPTURE_DELAY_MILLIS = 20;

    private final AudioProcessing processing;
    private final AudioProcessingStreamConfig format = new AudioProcessingStreamConfig(AudioFrameListener.SAMPLE_RATE, 1);
    private final LongSupplier playbackDelayMicros;
    private final byte[] farIn = new byte[BLOCK * 2];
    private final byte[] farOut = new byte[BLOCK * 2];
    private final byte[] nearIn = new byte[BLOCK * 2];
    private final byte[] nearOut = new byte[BLOCK * 2];
    private volatile boolean closed;
    private volatile boolean noiseSuppression;

    /**
     * @param noiseSuppression   also suppress steady background noise (fans, hum)
     * @param playbackDelayMicros how long sound handed to {@link #onPlayback} takes to reach the speaker
     */
    public EchoCanceller(boolean noiseSuppression, LongSupplier playbackDelayMicros) throws MediaException {
        this.playbackDelayMicros = playbackDelayMicros;
        try {
            processing = new AudioProcessing();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new MediaException("Echo cancellation is not available on this system: " + e.getMessage(), e);
        }
        this.noiseSuppression = noiseSuppression;
        processing.applyConfig(config(noiseSuppression));
    }

    private static AudioProcessingConfig config(boolean noiseSuppression) {
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.echoCanceller.enabled = true;
        config.highPassFilter.enabled = true;
        config.noiseSuppression.enabled = noiseSuppression;
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.HIGH;
        return config;
    }

    /**
     * Switches noise suppression on or off from the next 10 ms block (the user's switch, during a call); the echo
     * canceller keeps what it has learnt.
     */
    public void setNoiseSuppression(boolean on) {
        synchronized (nearIn) {
            if (!closed && on != noiseSuppression) {
                noiseSuppression = on;
                processing.applyConfig(config(on));
            }
        }
    }

    public boolean noiseSuppression() {
        return noiseSuppression;
    }

    /** The far end: sound about to be played (20 ms chunks). */
    public void onPlayback(short[] pcm, int count) {
        synchronized (farIn) {
            if (closed) {
                return;
            }
            for (int offset = 0; offset + BLOCK <= count; offset += BLOCK) {
                toBytes(pcm, offset, farIn);
                processing.processReverseStream(farIn, format, format, farOut);
            }
        }
    }

    /** The near end: a microphone chunk, cleaned in place. */
    public void processCapture(short[] pcm, int count) {
        synchronized (nearIn) {
            if (closed) {
                return;
            }
            int delayMillis = (int) (playbackDelayMicros.getAsLong() / 1000) + CAPTURE_DELAY_MILLIS;
            for (int offset = 0; offset + BLOCK <= count; offset += BLOCK) {
                toBytes(pcm, offset, nearIn);
                processing.setStreamDelayMs(delayMillis);
                processing.processStream(nearIn, format, format, nearOut);
                fromBytes(nearOut, pcm, offset);
            }
        }
    }

    private static void toBytes(short[] pcm, int offset, byte[] out) {
        for (int i = 0; i < BLOCK; i++) {
            short sample = pcm[offset + i];
            out[2 * i] = (byte) sample;
            out[2 * i + 1] = (byte) (sample >> 8);
        }
    }

    private static void fromBytes(byte[] in, short[] pcm, int offset) {
        for (int i = 0; i < BLOCK; i++) {
            pcm[offset + i] = (short) ((in[2 * i] & 0xFF) | (in[2 * i + 1] << 8));
        }
    }

    @Override
    public void close() {
        synchronized (farIn) {
            synchronized (nearIn) {
                if (!closed) {
                    closed = true;
                    processing.dispose();
                }
            }
        }
    }
}
