package dev.confab.meeting.audio;

/**
 * The rule a video renderer follows to stay within ±45 ms of a participant's sound, given
 * {@link AudioReceiver#playoutCaptureMicros(int)} (both sides are the sender's capture stamps, so no clock
 * synchronisation is needed). Per display pulse: skip every queued frame that is {@link Decision#LATE},
 * draw the newest {@link Decision#DUE} one, keep {@link Decision#EARLY} ones queued.
 */
public final class LipSync {
    /** Video may lead the sound by this much (a display pulse is ~16 ms; people notice video leading first). */
    public static final long LEAD_TOLERANCE_MICROS = 20_000;
    /** Video lagging the sound by more than this is out of sync and skipped when a newer frame is due. */
    public static final long LAG_LIMIT_MICROS = 45_000;

    public enum Decision { EARLY, DUE, LATE }

    private LipSync() {
    }

    /** Where a video frame captured at {@code frameCaptureMicros} stands against the audio clock. */
    public static Decision decide(long frameCaptureMicros, long audioClockMicros) {
        if (audioClockMicros == AudioReceiver.NO_AUDIO_CLOCK) {
            return Decision.DUE; // silent or muted: nothing to follow, show video as it comes
        }
        long lead = frameCaptureMicros - audioClockMicros;
        if (lead > LEAD_TOLERANCE_MICROS) {
            return Decision.EARLY;
        }
        return lead < -LAG_LIMIT_MICROS ? Decision.LATE : Decision.DUE;
    }
}
