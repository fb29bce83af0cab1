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
 * {@link LipSync#decide}'s window (20 ms ahead to 45 ms behind) is what counts as in sync. Holding compressed
 * frames rather than decoded pictures costs no picture memory and no copies.
 *
 * <p>Between words the sender sends no sound (DTX) and the audio clock stops. Showing the pictures as they
 * come then, and holding them again at the next word, would make the picture jump and freeze at every pause,
 * so for {@link #REMEMBER_LAG_MICROS} after the sound stops the gate keeps the sound's last delay. After
 * that (muted, or nobody has spoken yet) pictures are shown as they come. It never holds a picture more than
 * {@link #MAX_LEAD_MICROS} ahead of the sound (the clocks then do not belong together), and stops waiting
 * when the caller says so (its queue is filling up).
 */
final class LipSyncGate {
    /** A frame this far ahead of the sound means the two clocks do not belong together: show it now. */
    static final long MAX_LEAD_MICROS = 1_000_000;
    /** How long the sound's last delay is kept through a pause in speech. */
    static final long REMEMBER_LAG_MICROS = 10_000_000;
    private static final long POLL_MICROS = 5_000;

    private final LongSupplier audioClock;
    private final LongSupplier nowMicros;
    // Decoder thread only:
    private long lastLagMicros;
    private long lastHeardAtMicros = Long.MIN_VALUE;
    private final LatencyHistogram offset = new LatencyHistogram();
    private final AtomicLong shownWithSound = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong outOfSync = new AtomicLong();

    /** @param audioClock this participant's {@link AudioClock} reading */
    LipSyncGate(LongSupplier audioClock) {
        this(audioClock, RemoteVideoStream::nowMicros);
    }

    /** @param nowMicros this machine's clock in epoch µs (the one the audio clock's delay is measured on) */
    LipSyncGate(LongSupplier audioClock, LongSupplier nowMicros) {
        this.audioClock = audioClock;
        this.nowMicros = nowMicros;
    }

    /** Where the participant's sound is now, carried through short pauses; NO_AUDIO_CLOCK when there is none. */
    private long soundClock() {
        long audio = audioClock.getAsLong();
        long now = nowMicros.getAsLong();
        if (audio != AudioReceiver.NO_AUDIO_CLOCK) {
            lastLagMicros = now - audio;
            lastHeardAtMicros = now;
            return audio;
        }
        boolean recentlyHeard = lastHeardAtMicros != Long.MIN_VALUE && now - lastHeardAtMicros <= REMEMBER_LAG_MICROS;
        return recentlyHeard ? now - lastLagMicros : AudioReceiver.NO_AUDIO_CLOCK;
    }

    /**
     * Decoder thread: returns once a frame captured at {@code captureMicros} is due, or at once when there is
     * nothing to follow or {@code keepWaiting} turns false.
     */
    void awaitDue(long captureMicros, BooleanSupplier keepWaiting) throws InterruptedException {
        boolean waited = false;
        while (true) {
            long audio = soundClock();
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
        long audio = soundClock();
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
