package dev.confab.server;

import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;

import java.util.List;

/**
 * What a cluster keeps of a meeting in Redis so that another node can take it over when its owner dies
 * (docs/architecture.md, "Cluster"): the settings, the passcode hash, the seats, the raised hands, the current poll
 * with who voted in it, and who waits in the waiting room. Only what the server itself sees: no resume or wait
 * token (only their SHA-256, {@link ResumeDigest}), no vote (they are sealed for the moderators; only who voted),
 * nothing of chat or media.
 */
record MeetingSnapshot(String id, PasscodeHash.Stored passcode, String topic, boolean locked, int hostId,
                       boolean waitingRoom, boolean muteOnEntry, RecordingPolicy recordingPolicy,
                       boolean allowMultipleSharers, int nextMemberId, List<Seat> seats, Integer spotlightId,
                       List<Integer> raisedHands, Poll poll, int nextPollId, List<Waiting> waiting,
                       int nextWaitingId) {

    /** One participant's place: who it is and what it may do, found again by its resume token's digest. */
    record Seat(int id, String displayName, Role role, long cohostSince, String chatKey, boolean muted,
                boolean cameraOn, String resumeDigest) {
    }

    /** The open or last ended poll: what everyone was shown, and who voted (never what). */
    record Poll(int id, String question, List<String> choices, boolean multiple, int launchedBy, List<Integer> voters,
                boolean open) {
    }

    /** Someone waiting to be let in, found again by its wait token's digest; {@code since} an ISO-8601 instant. */
    record Waiting(int id, String displayName, String chatKey, String since, String tokenDigest) {
    }

    MeetingSnapshot {
        seats = List.copyOf(seats);
        raisedHands = raisedHands == null ? List.of() : List.copyOf(raisedHands);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }
}
