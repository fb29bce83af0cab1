package dev.confab.meeting.video;

import dev.confab.meeting.audio.AudioReceiver;
import dev.confab.meeting.audio.LipSync;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps one participant's camera in step with their sound. Video usually travels faster than audio (the
 * audio jitter buffer and the sound card's buffer add tens of milliseconds), so the decoder thread holds each
 * compressed frame until the sound captured at the same moment is being heard, then decodes and shows it;
 * {@link LipSync#decide}'s window (20 ms ahead to 45 ms behind) is what counts as in sync. Holding compressed frames rather than decoded pictures costs no picture memory and no copies.
 *
 * <p>It never waits for a clock that is not there (the participant is silent or muted: video is shown as it
 * comes), never longer than {@link #MAX_LEAD_MICROS} ahead of the sound (the audio clock is then not a usable
 * reference), and stops waiting when the caller says so (its queue is filling up).
 */
final class LipSyncGate {
    /** A frame this far ahead of the sound means the two clocks do not belong together: show it now. */
    static final long MAX_LEAD_MICROS = 1_000_000;
    private static final long POLL_MICROS = 5_000;

    private final LongSupplier audioClock;
    private final LatencyHistogram offset = new LatencyHistogram();
    private final AtomicLong shownWithSound = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong outOfSync = new AtomicLong();

    /** @param audioClock this participant's {@link AudioClock} reading */
    LipSyncGate(LongSupplier audioClock) {
        this.audioClock = audioClock;
    }

    /**
     * Decoder thread: returns once a frame captured at {@code captureMicros} is due, or at once when there is
     * nothing to follow or {@code keepWaiting} turns false.
     */
    void awaitDue(long captureMicros, BooleanSupplier keepWaiting) throws InterruptedException {
        boolean waited = false;
        while (true) {
            long audio = audioClock.getAsLong();
            long lead = captureMicros - audio;
            // Aim at zero: decoding and the next display pulse still come after this.
            if (audio == AudioReceiver.NO_AUDIO_CLOCK || lead <= 0 || lead > MAX_LEAD_MICROS
                    || !keepWaiting.getAsBoolean()) {
                break;
            }
            waited = true;
            LockSupport.parkNanos(Math.min(lead, POLL_MICROS) * 1000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (waited) {
            held.incrementAndGet();
        }
    }

    /** Decoder thread: the picture captured at {@code captureMicros} goes to the screen now. */
    void shown(long captureMicros) {
        long audio = audioClock.getAsLong();
        if (audio == AudioReceiver.NO_AUDIO_CLOCK) {
            return;
        }
        shownWithSound.incrementAndGet();
        offset.record(Math.abs(captureMicros - audio));
        if (LipSync.decide(captureMicros, audio) != LipSync.Decision.DUE) {
            outOfSync.incrementAndGet();
        }
    }

    LatencyHistogram offsets() {
        return offset;
    }

    LipSyncStats stats() {
        return new LipSyncStats(shownWithSound.get(), held.get(), outOfSync.get(), offset.percentileMillis(50),
                offset.percentileMillis(95));
    }
}
