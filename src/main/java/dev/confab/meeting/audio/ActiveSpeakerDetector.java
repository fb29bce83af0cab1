package dev.confab.meeting.audio;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Voice activity per participant and the meeting's active speaker, from audio levels fed every 20 ms.
 * A participant is <em>speaking</em> once its level has stayed above {@link #THRESHOLD_DBFS} for
 * {@link #MIN_SPEECH_MICROS} (pauses shorter than {@link #PAUSE_MICROS} between words do not count as
 * stopping). The active speaker is the loudest speaking participant; a new one takes over at once when
 * the current one has stopped, and while both talk only if it is clearly louder and the current one has
 * held the role for {@link #HOLD_MICROS}. When everyone is quiet the last speaker stays active, as
 * speaker view expects. Not thread-safe: the mixer thread feeds and reads it; {@link AudioReceiver}
 * publishes the result.
 */
public final class ActiveSpeakerDetector {
    public static final double THRESHOLD_DBFS = -50.0;
    public static final long MIN_SPEECH_MICROS = 300_000;
    public static final long PAUSE_MICROS = 250_000;
    public static final long HOLD_MICROS = 1_000_000;
    /** How much louder (dB) a second talker must be to take over from one still talking. */
    private static final double TAKEOVER_DB = 6.0;
    private static final double SMOOTHING = 0.2;

    private static final class Voice {
        long voicedSince = -1;
        long lastVoiced = Long.MIN_VALUE / 2;
        double smoothedDbfs = -100;
    }

    private final Map<Integer, Voice> voices = new HashMap<>();
    private int active = -1;
    private long activeSince;

    /** Feeds one participant's level for the current tick. */
    public void observe(int participantId, double rmsDbfs, long nowMicros) {
        Voice voice = voices.computeIfAbsent(participantId, id -> new Voice());
        voice.smoothedDbfs += (rmsDbfs - voice.smoothedDbfs) * SMOOTHING;
        if (rmsDbfs >= THRESHOLD_DBFS) {
            if (voice.voicedSince < 0) {
                voice.voicedSince = nowMicros;
            }
            voice.lastVoiced = nowMicros;
        } else if (nowMicros - voice.lastVoiced > PAUSE_MICROS) {
            voice.voicedSince = -1;
        }
    }

    /** Re-evaluates the active speaker after a tick's observations; true when it changed. */
    public boolean evaluate(long nowMicros) {
        int loudest = -1;
        double loudestDbfs = Double.NEGATIVE_INFINITY;
        for (var entry : voices.entrySet()) {
            if (speaking(entry.getValue(), nowMicros) && entry.getValue().smoothedDbfs > loudestDbfs) {
                loudest = entry.getKey();
                loudestDbfs = entry.getValue().smoothedDbfs;
            }
        }
        if (loudest < 0 || loudest == active) {
            return false;
        }
        Voice current = voices.get(active);
        boolean currentTalking = current != null && speaking(current, nowMicros);
        boolean takeOver = !currentTalking
                || (nowMicros - activeSince >= HOLD_MICROS && loudestDbfs >= current.smoothedDbfs + TAKEOVER_DB);
        if (!takeOver) {
            return false;
        }
        active = loudest;
        activeSince = nowMicros;
        return true;
    }

    public boolean isSpeaking(int participantId, long nowMicros) {
        Voice voice = voices.get(participantId);
        return voice != null && speaking(voice, nowMicros);
    }

    public OptionalInt activeSpeaker() {
        return active < 0 ? OptionalInt.empty() : OptionalInt.of(active);
    }

    /** Forgets a participant who left; true when that was the active speaker. */
    public boolean remove(int participantId) {
        voices.remove(participantId);
        if (active == participantId) {
            active = -1;
            return true;
        }
        return false;
    }

    private static boolean speaking(Voice voice, long nowMicros) {
        return voice.voicedSince >= 0 && voice.lastVoiced - voice.voicedSince >= MIN_SPEECH_MICROS
                && nowMicros - voice.lastVoiced <= PAUSE_MICROS;
    }
}
