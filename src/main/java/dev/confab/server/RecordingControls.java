package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local recording as the server sees it: who may record (the meeting's {@link RecordingPolicy}), announcing
 * who records, and stopping recorders the policy no longer allows. The server never sees a recording; it
 * keeps the flag honest so everyone is told.
 */
final class RecordingControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    void start(ClientConnection connection) {
        Member member = connection.memberOrError("recording_start");
        if (member == null) {
            return;
        }
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (!meeting.recordingPolicy.allows(member.role)) {
                connection.sendError(ErrorCode.RECORDING_NOT_ALLOWED, switch (meeting.recordingPolicy) {
                    case HOST_ONLY -> "Only the host may record this meeting";
                    default -> "Recording is turned off for this meeting";
                }, "recording_start");
                LOG.info("event=recording_refused meeting={} participant={} policy={}", meeting.id, member.id,
                        meeting.recordingPolicy);
                return;
            }
            if (!member.recording) {
                member.recording = true;
                announce(member, false);
            }
        }
        LOG.info("event=recording_started meeting={} participant={}", meeting.id, member.id);
    }

    void stop(ClientConnection connection) {
        Member member = connection.memberOrError("recording_stop");
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            if (member.recording) {
                member.recording = false;
                announce(member, false);
            }
        }
    }

    void setPolicy(ClientConnection connection, ClientMessage.SetRecordingPolicy request) {
        Member host = HostControls.requireHost(connection, "set_recording_policy");
        if (host == null) {
            return;
        }
        if (request.policy() == RecordingPolicy.UNKNOWN) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'policy' must be HOST_ONLY, EVERYONE or NOBODY",
                    "set_recording_policy");
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            meeting.recordingPolicy = request.policy();
            meeting.broadcast(new ServerMessage.RecordingPolicyChanged(request.policy()), null);
            enforce(meeting);
        }
        LOG.info("event=recording_policy meeting={} policy={}", meeting.id, request.policy());
    }

    /** Tells a connection that just joined or resumed the meeting's recording policy. */
    void greet(ClientConnection connection) {
        Member member = connection.member();
        if (member != null) {
            synchronized (member.meeting) {
                connection.send(new ServerMessage.RecordingPolicyChanged(member.meeting.recordingPolicy));
            }
        }
    }

    /**
     * Stops every recorder the policy no longer allows (after a policy or host change). Caller holds the
     * meeting's lock.
     */
    static void enforce(Meeting meeting) {
        for (Member member : meeting.members()) {
            if (member.recording && !meeting.recordingPolicy.allows(member.role)) {
                member.recording = false;
                announce(member, true);
                LOG.info("event=recording_stopped_by_policy meeting={} participant={}", meeting.id, member.id);
            }
        }
    }

    private static void announce(Member member, boolean stoppedByPolicy) {
        member.meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
        member.meeting.broadcast(new ServerMessage.RecordingChanged(member.id, member.recording, stoppedByPolicy), null);
    }
}
