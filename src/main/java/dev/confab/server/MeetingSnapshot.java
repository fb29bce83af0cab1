package dev.confab.server;

import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;

import java.util.List;

/**
 * What a cluster keeps of a meeting in Redis so that another node can take it over when its owner dies
 * (docs/architecture.md, "Cluster"): the settings, the passcode hash and the seats. No resume token is kept, only
 * its SHA-256 ({@link ResumeDigest}); nothing of chat or media passes the server in the clear anyway.
 */
record MeetingSnapshot(String id, PasscodeHash.Stored passcode, String topic, boolean locked, int hostId,
                       boolean waitingRoom, boolean muteOnEntry, RecordingPolicy recordingPolicy,
                       boolean allowMultipleSharers, int nextMemberId, List<Seat> seats) {

    /** One participant's place: who it is and what it may do, found again by its resume token's digest. */
    record Seat(int id, String displayName, Role role, long cohostSince, String chatKey, boolean muted,
                boolean cameraOn, String resumeDigest) {
    }

    MeetingSnapshot {
        seats = List.copyOf(seats);
    }
}
