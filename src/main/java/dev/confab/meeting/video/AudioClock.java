package dev.confab.meeting.video;

import dev.confab.meeting.audio.AudioReceiver;

/**
 * Where each participant's sound is now: the sender's capture time (epoch µs) of what is being heard, or
 * {@link AudioReceiver#NO_AUDIO_CLOCK}. {@code AudioReceiver::playoutCaptureMicros} is the real one; video
 * follows it for lip sync ({@link LipSyncGate}).
 */
@FunctionalInterface
public interface AudioClock {
    /** No sound is played here (receive-only load tests, a client without audio): video is shown as it comes. */
    AudioClock NONE = participantId -> AudioReceiver.NO_AUDIO_CLOCK;

    long playoutCaptureMicros(int participantId);
}
