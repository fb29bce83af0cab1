package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-hosts (the host makes and unmakes them), mute on entry and the spotlight. Who may do what is decided by
 * {@link HostControls#requireHost} and {@link HostControls#requireModerator} alone.
 */
final class ModerationControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    /** Host only; {@code HOST} is refused (transfer_host hands the host role over, with its own rules). */
    void setRole(ClientConnection connection, ClientMessage.SetRole request) {
        String type = "set_role";
        Member host = HostControls.requireHost(connection, type);
        Member target = host == null ? null : HostControls.requireOther(connection, host, request.participantId(), type);
        if (target == null) {
            return;
        }
        if (request.role() != Role.COHOST && request.role() != Role.PARTICIPANT) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'role' must be COHOST or PARTICIPANT; "
                    + "transfer_host hands over the host role", type);
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            if (meeting.member(target.id).isEmpty()) {
                return; // left meanwhile: participant_left said so
            }
            boolean wasCohost = target.role == Role.COHOST;
            boolean cohost = request.role() == Role.COHOST;
            if (wasCohost != cohost) {
                meeting.setCohost(target, cohost);
            }
            meeting.broadcast(new ServerMessage.ParticipantUpdated(target.view()), null);
            ClientConnection targetConnection = target.connection();
            if (cohost && targetConnection != null && !meeting.waitingRoom.isEmpty()) {
                targetConnection.send(meeting.waitingRoom.message()); // it may admit them now
            }
        }
        LOG.info("event=role_changed meeting={} participant={} role={}", meeting.id, target.id, request.role());
    }

    void setMuteOnEntry(ClientConnection connection, ClientMessage.SetMuteOnEntry request) {
        Meeting meeting = HostControls.changeSetting(connection, "set_mute_on_entry",
                m -> m.muteOnEntry(request.enabled()));
        if (meeting != null) {
            LOG.info("event=mute_on_entry meeting={} enabled={}", meeting.id, request.enabled());
        }
    }

    /** Anyone in the meeting, the moderator included, may be spotlighted; null ends the spotlight. */
    void spotlight(ClientConnection connection, ClientMessage.Spotlight request) {
        Member moderator = HostControls.requireModerator(connection, "spotlight");
        if (moderator == null) {
            return;
        }
        Meeting meeting = moderator.meeting;
        Integer id = request.participantId();
        synchronized (meeting) {
            if (id != null && meeting.member(id).isEmpty()) {
                connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "No participant " + id + " in this meeting",
                        "spotlight");
                return;
            }
            meeting.spotlightId(id);
            meeting.broadcast(meeting.state(), null);
        }
        LOG.info("event=spotlight meeting={} participant={}", meeting.id, id);
    }

    /** The spotlighted member left: the spotlight ends for everyone. Caller holds the meeting's lock. */
    static void memberLeft(Meeting meeting, Member member) {
        if (Integer.valueOf(member.id).equals(meeting.spotlightId())) {
            meeting.spotlightId(null);
            meeting.broadcast(meeting.state(), null);
        }
    }
}
