package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.DisplayNameRule;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's powers: ask to mute, remove, lock, end for all, hand over the host role. Refused for non-hosts. */
final class HostControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    private final MeetingRegistry registry;

    HostControls(MeetingRegistry registry) {
        this.registry = registry;
    }

    void askMute(ClientConnection connection, ClientMessage.AskMute ask) {
        Member host = requireHost(connection, "ask_mute");
        if (host == null) {
            return;
        }
        var request = new ServerMessage.MuteRequested(host.id);
        if (ask.participantId() == null) {
            host.meeting.broadcast(request, host);
            LOG.info("event=ask_mute meeting={} target=all", host.meeting.id);
            return;
        }
        Member target = requireOther(connection, host, ask.participantId(), "ask_mute");
        ClientConnection targetConnection = target == null ? null : target.connection();
        if (targetConnection != null) {
            targetConnection.send(request);
            LOG.info("event=ask_mute meeting={} target={}", host.meeting.id, target.id);
        }
    }

    void removeParticipant(ClientConnection connection, ClientMessage.RemoveParticipant remove) {
        Member host = requireHost(connection, "remove_participant");
        Member target = host == null ? null : requireOther(connection, host, remove.participantId(), "remove_participant");
        if (target == null) {
            return;
        }
        ClientConnection targetConnection = target.connection();
        registry.depart(target, LeaveReason.REMOVED);
        if (targetConnection != null) {
            targetConnection.send(new ServerMessage.MeetingLeft(LeaveReason.REMOVED));
            targetConnection.close(1000, "Removed by the host");
        }
    }

    void lock(ClientConnection connection, ClientMessage.LockMeeting lock) {
        Member host = requireHost(connection, "lock_meeting");
        if (host == null) {
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            meeting.locked(lock.locked());
            meeting.broadcast(meeting.state(), null);
        }
        LOG.info("event=meeting_lock meeting={} locked={}", meeting.id, lock.locked());
    }

    /** The topic follows the display-name rule (it is shown to everyone the same way); blank removes it. */
    void setTopic(ClientConnection connection, ClientMessage.SetTopic request) {
        Member host = requireHost(connection, "set_topic");
        if (host == null) {
            return;
        }
        String topic = null;
        if (request.topic() != null && !request.topic().isBlank()) {
            DisplayNameRule.Result checked = DisplayNameRule.check(request.topic());
            if (!checked.valid()) {
                connection.sendError(ErrorCode.INVALID_MESSAGE, checked.wireReason("topic"), "set_topic");
                return;
            }
            topic = checked.name();
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            meeting.topic(topic);
            meeting.broadcast(meeting.state(), null);
        }
        LOG.info("event=meeting_topic meeting={} set={}", meeting.id, topic != null); // the topic itself is not logged
    }

    void endMeeting(ClientConnection connection) {
        Member host = requireHost(connection, "end_meeting");
        if (host != null) {
            registry.end(host.meeting, LeaveReason.ENDED_BY_HOST);
        }
    }

    void transferHost(ClientConnection connection, ClientMessage.TransferHost transfer) {
        Member host = requireHost(connection, "transfer_host");
        Member target = host == null ? null : requireOther(connection, host, transfer.participantId(), "transfer_host");
        if (target == null) {
            return;
        }
        if (target.connection() == null) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "That participant is reconnecting; try again shortly",
                    "transfer_host");
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            registry.announceHostChange(meeting, meeting.transferHost(target));
        }
        LOG.info("event=host_transferred meeting={} from={} to={}", meeting.id, host.id, target.id);
    }

    static Member requireHost(ClientConnection connection, String type) {
        Member member = connection.memberOrError(type);
        if (member == null) {
            return null;
        }
        if (member.meeting.hostId() != member.id) {
            connection.sendError(ErrorCode.NOT_HOST, "Only the host can do this", type);
            LOG.info("event=not_host meeting={} participant={} type={}", member.meeting.id, member.id, type);
            return null;
        }
        return member;
    }

    static Member requireOther(ClientConnection connection, Member self, int targetId, String type) {
        Member target = self.meeting.member(targetId).orElse(null);
        if (target == null) {
            connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "No participant " + targetId + " in this meeting", type);
            return null;
        }
        if (target == self) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "This action targets another participant", type);
            return null;
        }
        return target;
    }
}
