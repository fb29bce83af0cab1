package dev.confab.meeting.audio;

import dev.confab.media.AudioEncoder;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.EchoCanceller;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The shared computer sound on its way into the microphone's stream. The computer sound capture hands in its
 * 20 ms chunks ({@link #onSamples}, its own thread); each is cleaned by its own {@link EchoCanceller}, fed
 * Confab's playback as the far end ({@link #onPlayback}), because the sound server's monitor also carries what
 * Confab plays: without it the others would hear themselves. The microphone's thread then adds one queued chunk
 * to each microphone chunk ({@link #addTo}) through an {@link AudioMixer}, whose limiter keeps the sum
 * from clipping.
 *
 * <p>The microphone paces the mix; the two devices' clocks drift apart slowly, so the queue is short (100 ms):
 * when it is full the oldest chunk goes, when it is empty nothing is added for that chunk.
 */
public final class ComputerSoundMix implements AudioFrameListener, AutoCloseable {
    static final int MAX_QUEUED_CHUNKS = 5;

    private final EchoCanceller echoCanceller;
    private final BlockingQueue<short[]> queued = new ArrayBlockingQueue<>(MAX_QUEUED_CHUNKS);
    private AudioMixer mixer = new AudioMixer(AudioEncoder.FRAME_SAMPLES);

    /** @param echoCanceller removes Confab's own playback; null when echo cancellation is unavailable */
    public ComputerSoundMix(EchoCanceller echoCanceller) {
        this.echoCanceller = echoCanceller;
    }

    /** Confab's playback, the far end (playback thread). */
    public void onPlayback(short[] pcm, int count) {
        if (echoCanceller != null) {
            echoCanceller.onPlayback(pcm, count);
        }
    }

    /** A chunk of computer sound (capture thread). */
    @Override
    public void onSamples(short[] pcm, int count, long captureTimeMicros) {
        short[] chunk = Arrays.copyOf(pcm, count);
        if (echoCanceller != null) {
            echoCanceller.processCapture(chunk, count);
        }
        while (!queued.offer(chunk)) {
            queued.poll();
        }
    }

    /** Adds the oldest queued chunk to the microphone's {@code pcm}, limited (microphone thread). */
    void addTo(short[] pcm, int count) {
        short[] chunk = queued.poll();
        if (chunk == null && mixer.gain() == 1.0) {
            return; // nothing to add, nothing to recover from
        }
        if (count != mixer.frameSamples()) {
            mixer = new AudioMixer(count);
        }
        mixer.clear();
        mixer.add(pcm, count);
        if (chunk != null) {
            mixer.add(chunk, chunk.length);
        }
        mixer.mixInto(pcm);
    }

    @Override
    public void close() {
        queued.clear();
        if (echoCanceller != null) {
            echoCanceller.close();
        }
    }
}
