package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;

import java.util.concurrent.locks.LockSupport;

/**
 * The sink used where no sound device exists (CI, servers, the headless bot): it discards the sound but
 * consumes it in real time like a device with a two-frame (40 ms) buffer, so the whole receive pipeline
 * (jitter buffers, decoding, mixing, latency) runs exactly as it would with speakers.
 */
public final class NullAudioOutput implements AudioOutput {
    public static final String DESCRIPTION = "No sound output (discarded in real time)";
    private static final int BUFFER_FRAMES = 2;

    /** When everything written so far will have been played (System.nanoTime). */
    private volatile long playedOutAtNanos = System.nanoTime();

    @Override
    public void awaitRoom(int count) throws InterruptedException {
        long duration = count * 1_000_000_000L / AudioFrameListener.SAMPLE_RATE;
        // Room for this frame opens when at most BUFFER_FRAMES - 1 frames are still queued.
        long roomAt = playedOutAtNanos - (BUFFER_FRAMES - 1) * duration;
        long wait;
        while ((wait = roomAt - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public void write(short[] pcm, int count) throws InterruptedException {
        long duration = count * 1_000_000_000L / AudioFrameListener.SAMPLE_RATE;
        awaitRoom(count);
        playedOutAtNanos = Math.max(playedOutAtNanos, System.nanoTime()) + duration;
    }

    @Override
    public long bufferedMicros() {
        return Math.max(0, (playedOutAtNanos - System.nanoTime()) / 1000);
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public void close() {
    }
}
