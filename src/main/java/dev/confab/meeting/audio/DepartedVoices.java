package dev.confab.meeting.audio;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an {@link AudioReceiver} keeps of the participants who left. Their voice (decoder, meter, speaker
 * state) is gone, but their final figures stay, because reports are written when this client leaves —
 * after everyone who left before it: without them a bot's {@code --stats-json} would show nothing heard
 * from anyone who left first, as if they had never been heard. Video keeps its departed streams for the
 * same reason ({@code VideoReceiver.remove}).
 *
 * <p>Their ids are kept too: participant ids are never reused within a meeting, so a packet still in
 * flight when someone left must not bring back an empty voice for them.
 *
 * <p>Thread-safe: the session thread marks departures, the mixer thread files the final figures, and any
 * thread reads them.
 */
final class DepartedVoices {
    private final Set<Integer> ids = ConcurrentHashMap.newKeySet();
    private final Map<Integer, RemoteAudioStats> finalStats = new ConcurrentHashMap<>();
    private final LatencyRecorder latency = new LatencyRecorder();

    /** The participant left: from now on their packets are ignored. */
    void leaving(int participantId) {
        ids.add(participantId);
    }

    boolean hasLeft(int participantId) {
        return ids.contains(participantId);
    }

    /** Files the figures of a voice that is being closed (mixer thread). */
    void keep(RemoteVoice voice) {
        finalStats.put(voice.participantId, voice.stats());
        latency.addAll(voice.latency);
    }

    /** True once {@link #keep} has filed this participant's figures. */
    boolean filed(int participantId) {
        return finalStats.containsKey(participantId);
    }

    /** Adds the final figures of everyone who left, next to the live ones already in {@code stats}. */
    void addStatsTo(Map<Integer, RemoteAudioStats> stats) {
        finalStats.forEach(stats::putIfAbsent);
    }

    /** Adds the mouth-to-ear latencies of everyone who left to {@code total}. */
    void addLatencyTo(LatencyRecorder total) {
        total.addAll(latency);
    }
}
