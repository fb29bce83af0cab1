package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.DisplayNameRule;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's powers. Moderators (host and co-hosts, {@link Member#moderates()}) may ask to mute or unmute, remove
 * (anyone but the host) and lock; only the host sets the topic, ends the meeting for all and hands over the host
 * role. Refusals: NOT_MODERATOR, NOT_HOST.
 */
final class HostControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    private final MeetingRegistry registry;

    HostControls(MeetingRegistry registry) {
        this.registry = registry;
    }

    void askMute(ClientConnection connection, ClientMessage.AskMute ask) {
        Member moderator = requireModerator(connection, "ask_mute");
        if (moderator != null) {
            ask(connection, moderator, ask.participantId(), new ServerMessage.MuteRequested(moderator.id), "ask_mute");
        }
    }

    /** Asks, never unmutes: the receiver's user decides (docs/protocol.md section 6.8). */
    void askUnmute(ClientConnection connection, ClientMessage.AskUnmute ask) {
        Member moderator = requireModerator(connection, "ask_unmute");
        if (moderator != null) {
            ask(connection, moderator, ask.participantId(), new ServerMessage.UnmuteRequested(moderator.id),
                    "ask_unmute");
        }
    }

    /** Sends {@code request} to {@code targetId}, or to everyone but the moderator when it is null. */
    private static void ask(ClientConnection connection, Member moderator, Integer targetId, ServerMessage request,
                            String type) {
        if (targetId == null) {
            moderator.meeting.broadcast(request, moderator);
            LOG.info("event={} meeting={} target=all", type, moderator.meeting.id);
            return;
        }
        Member target = requireOther(connection, moderator, targetId, type);
        ClientConnection targetConnection = target == null ? null : target.connection();
        if (targetConnection != null) {
            targetConnection.send(request);
            LOG.info("event={} meeting={} target={}", type, moderator.meeting.id, target.id);
        }
    }

    void removeParticipant(ClientConnection connection, ClientMessage.RemoveParticipant remove) {
        Member moderator = requireModerator(connection, "remove_participant");
        Member target = moderator == null ? null
                : requireOther(connection, moderator, remove.participantId(), "remove_participant");
        if (target == null) {
            return;
        }
        if (target.id == target.meeting.hostId()) {
            connection.sendError(ErrorCode.NOT_HOST, "A co-host cannot remove the host", "remove_participant");
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
        Meeting meeting = changeSetting(connection, "lock_meeting", m -> m.locked(lock.locked()));
        if (meeting != null) {
            LOG.info("event=meeting_lock meeting={} locked={}", meeting.id, lock.locked());
        }
    }

    /**
     * A moderator changes a meeting-wide setting: {@code change} runs under the meeting's lock, then everyone gets
     * {@code meeting_updated}. Returns the meeting, or null after refusing the sender (NOT_MODERATOR).
     */
    static Meeting changeSetting(ClientConnection connection, String type, java.util.function.Consumer<Meeting> change) {
        Member moderator = requireModerator(connection, type);
        if (moderator == null) {
            return null;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            change.accept(meeting);
            meeting.broadcast(meeting.state(), null);
            meeting.changed(); // e.g. the waiting room switch, which no setter of the meeting sees
        }
        return meeting;
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

    /** The sender if it is the host or a co-host ({@link Member#moderates()}), else null after NOT_MODERATOR. */
    static Member requireModerator(ClientConnection connection, String type) {
        Member member = connection.memberOrError(type);
        if (member == null) {
            return null;
        }
        boolean moderates;
        synchronized (member.meeting) {
            moderates = member.moderates();
        }
        if (!moderates) {
            connection.sendError(ErrorCode.NOT_MODERATOR, "Only the host or a co-host can do this", type);
            LOG.info("event=not_moderator meeting={} participant={} type={}", member.meeting.id, member.id, type);
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
