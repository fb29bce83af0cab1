package dev.confab.server;

import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;

import java.time.Duration;
import java.time.Instant;

/**
 * A scheduled meeting as the server keeps it (and writes to its data folder): no participant names, the
 * passcode only as a salted hash and the host key only as its SHA-256 ({@link HostKey}).
 */
record ScheduledMeeting(String id, String title, Instant start, int durationMinutes, String timeZone,
                        PasscodeHash.Stored passcode, boolean waitingRoom, RecordingPolicy recordingPolicy,
                        String hostKeyHash) {

    Instant end() {
        return start.plus(Duration.ofMinutes(durationMinutes));
    }

    Instant validUntil(Duration grace) {
        return end().plus(grace);
    }

    ScheduledMeeting replan(ScheduledMeeting plan) {
        return new ScheduledMeeting(id, plan.title, plan.start, plan.durationMinutes, plan.timeZone, plan.passcode,
                plan.waitingRoom, plan.recordingPolicy, hostKeyHash);
    }

    ServerMessage.MeetingScheduled toMessage(String hostKey, Duration grace) {
        return new ServerMessage.MeetingScheduled(id, hostKey, title, start, durationMinutes, timeZone,
                passcode != null, waitingRoom, recordingPolicy, validUntil(grace));
    }
}
