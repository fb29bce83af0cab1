package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's signaling logic, independent of the WebSocket library: meetings, roster, host controls,
 * resume, limits. Every client message gets either its documented effect or an {@code error} back to the
 * sender; nothing a client sends can disturb other meetings or participants.
 */
final class MeetingService {

    static final int CLOSE_HELLO_REQUIRED = 4001;
    static final int CLOSE_UNSUPPORTED_VERSION = 4002;
    static final int CLOSE_REPLACED = 4003;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_TOO_BIG = 1009;

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    private static final int MAX_NAME_LENGTH = 64;
    private static final int MAX_PASSCODE_LENGTH = 64;
    private static final int MAX_ENC_LENGTH = 32;

    private final ServerConfig config;
    private final ProtocolCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final ConcurrentMap<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Member> membersByResumeToken = new ConcurrentHashMap<>();
    private final PasscodeThrottle passcodeThrottle;
    private final MediaRelay relay;
    private final SecureRandom random = new SecureRandom();
    private final Object registryLock = new Object();

    MeetingService(ServerConfig config, ProtocolCodec codec, Clock clock, ScheduledExecutorService timers) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.timers = timers;
        this.passcodeThrottle = new PasscodeThrottle(config.passcodeAttempts(), config.passcodeLockout(), clock);
        this.relay = new MediaRelay(config);
    }

    int meetingCount() {
        return meetings.size();
    }

    // ---- connection lifecycle -------------------------------------------------------------------------

    void opened(ClientConnection connection) {
        LOG.info("event=connection_opened conn={} remote={}", connection, connection.remoteAddress);
        connection.helloTimer(timers.schedule(() -> {
            if (!connection.greeted() && connection.isOpen()) {
                connection.sendError(ErrorCode.HELLO_REQUIRED, "No hello received in time", null);
                connection.close(CLOSE_HELLO_REQUIRED, "No hello");
            }
        }, config.helloTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    void closed(ClientConnection connection, int code) {
        connection.cancelHelloTimer();
        LOG.info("event=connection_closed conn={} code={}", connection, code);
        Member member = connection.member();
        if (member != null) {
            connectionLost(member, connection);
        }
    }

    void text(ClientConnection connection, String text) {
        if (utf8Length(text) > ProtocolVersion.MAX_TEXT_FRAME_BYTES) {
            connection.sendError(ErrorCode.FRAME_TOO_LARGE,
                    "Text frames are limited to " + ProtocolVersion.MAX_TEXT_FRAME_BYTES + " bytes", null);
            connection.close(CLOSE_TOO_BIG, "Text frame too large");
            LOG.warn("event=frame_too_large conn={}", connection);
            return;
        }
        if (!connection.messageRate.tryTake(1)) {
            rejectFlood(connection);
            return;
        }
        ClientMessage message;
        try {
            message = codec.decodeClient(text);
        } catch (ProtocolException e) {
            connection.sendError(e.code(), e.getMessage(), e.messageType());
            LOG.info("event=bad_message conn={} code={}", connection, e.code());
            if (!connection.greeted()) {
                connection.close(CLOSE_HELLO_REQUIRED, "Expected hello");
            }
            return;
        }
        if (!connection.greeted()) {
            if (message instanceof ClientMessage.Hello hello) {
                hello(connection, hello);
            } else {
                connection.sendError(ErrorCode.HELLO_REQUIRED, "Send hello first", typeOf(message));
                connection.close(CLOSE_HELLO_REQUIRED, "Expected hello");
            }
            return;
        }
        try {
            dispatch(connection, message);
        } catch (RuntimeException e) {
            LOG.error("event=internal_error conn={} type={}", connection, typeOf(message), e);
            connection.sendError(ErrorCode.INTERNAL_ERROR, "The server could not handle this request", typeOf(message));
        }
    }

    void binary(ClientConnection connection, ByteBuffer frame) {
        if (!connection.greeted()) {
            connection.sendError(ErrorCode.HELLO_REQUIRED, "Send hello first", null);
            connection.close(CLOSE_HELLO_REQUIRED, "Expected hello");
            return;
        }
        relay.relay(connection, frame);
    }

    /** Tells every connected client the server is going away and closes its connection. */
    void shutdown(String reason) {
        var goodbye = new ServerMessage.ServerShutdown(reason);
        for (Meeting meeting : meetings.values()) {
            for (Member member : meeting.members()) {
                ClientConnection connection = member.connection();
                if (connection != null) {
                    connection.member(null);
                    connection.send(goodbye);
                    connection.close(1001, "Server shutting down");
                }
            }
        }
        meetings.clear();
        membersByResumeToken.clear();
    }

    private void rejectFlood(ClientConnection connection) {
        int rejected = connection.rejectedMessages.incrementAndGet();
        if (rejected >= config.floodCloseThreshold()) {
            connection.sendError(ErrorCode.RATE_LIMITED, "Too many messages; closing the connection", null);
            connection.close(CLOSE_POLICY, "Flooding");
            LOG.warn("event=flood_closed conn={} remote={}", connection, connection.remoteAddress);
        } else {
            connection.sendThrottledError(ErrorCode.RATE_LIMITED,
                    "More than " + config.messagesPerSecond() + " messages per second; message dropped", null);
        }
    }

    private void dispatch(ClientConnection connection, ClientMessage message) {
        switch (message) {
            case ClientMessage.Hello ignored ->
                    connection.sendError(ErrorCode.INVALID_MESSAGE, "hello was already received", "hello");
            case ClientMessage.CreateMeeting create -> create(connection, create);
            case ClientMessage.Join join -> join(connection, join);
            case ClientMessage.Resume resume -> resume(connection, resume);
            case ClientMessage.Leave ignored -> leave(connection);
            case ClientMessage.UpdateState update -> updateState(connection, update);
            case ClientMessage.Chat chat -> chat(connection, chat);
            case ClientMessage.AskMute ask -> askMute(connection, ask);
            case ClientMessage.RemoveParticipant remove -> removeParticipant(connection, remove);
            case ClientMessage.LockMeeting lock -> lock(connection, lock);
            case ClientMessage.EndMeeting ignored -> endMeeting(connection);
            case ClientMessage.TransferHost transfer -> transferHost(connection, transfer);
            case ClientMessage.RequestKeyframe request -> requestKeyframe(connection, request);
            case ClientMessage.Ping ping -> connection.send(new ServerMessage.Pong(ping.nonce()));
        }
    }

    // ---- handshake and joining ------------------------------------------------------------------------

    private void hello(ClientConnection connection, ClientMessage.Hello hello) {
        if (!ProtocolVersion.SUPPORTED.contains(hello.version())) {
            connection.send(new ServerMessage.ErrorMessage(ErrorCode.UNSUPPORTED_VERSION,
                    "This server speaks protocol version(s) " + ProtocolVersion.SUPPORTED + ", not " + hello.version(),
                    "hello", ProtocolVersion.SUPPORTED, null));
            connection.close(CLOSE_UNSUPPORTED_VERSION, "Unsupported protocol version");
            LOG.info("event=unsupported_version conn={} version={}", connection, hello.version());
            return;
        }
        connection.markGreeted();
        connection.send(new ServerMessage.Welcome(ProtocolVersion.CURRENT, "Confab/" + serverVersion(), limits()));
    }

    private ServerMessage.Limits limits() {
        return new ServerMessage.Limits(ProtocolVersion.MAX_TEXT_FRAME_BYTES, config.maxBinaryFrameBytes(),
                config.messagesPerSecond(), config.keepAliveSeconds(), (int) config.resumeGrace().toSeconds(),
                config.maxParticipantsPerMeeting());
    }

    private void create(ClientConnection connection, ClientMessage.CreateMeeting create) {
        String type = "create_meeting";
        if (!checkNotInMeeting(connection, type)) {
            return;
        }
        String name = validName(connection, create.displayName(), type);
        String passcode = normalizedPasscode(connection, create.passcode(), type);
        if (name == null || passcode == null) {
            return;
        }
        Meeting meeting;
        synchronized (registryLock) {
            if (meetings.size() >= config.maxMeetings()) {
                connection.sendError(ErrorCode.SERVER_FULL, "This server already hosts its maximum of "
                        + config.maxMeetings() + " meetings", type);
                return;
            }
            String id;
            do {
                id = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
            } while (meetings.containsKey(id));
            meeting = new Meeting(id, passcode.isEmpty() ? null : PasscodeHash.of(passcode), clock.instant());
            meetings.put(id, meeting);
        }
        LOG.info("event=meeting_created meeting={} conn={} passcode={}", meeting.id, connection,
                meeting.passcode != null);
        synchronized (meeting) {
            admit(connection, meeting, name);
        }
    }

    private void join(ClientConnection connection, ClientMessage.Join join) {
        String type = "join";
        if (!checkNotInMeeting(connection, type)) {
            return;
        }
        String name = validName(connection, join.displayName(), type);
        String passcode = normalizedPasscode(connection, join.passcode(), type);
        if (name == null || passcode == null) {
            return;
        }
        String meetingId = join.meetingId().replaceAll("[\\s-]", "");
        Meeting meeting = meetings.get(meetingId);
        if (meeting == null || meeting.ended()) {
            connection.sendError(ErrorCode.MEETING_NOT_FOUND, "No meeting with this ID", type);
            return;
        }
        if (meeting.locked()) {
            connection.sendError(ErrorCode.MEETING_LOCKED, "The host has locked this meeting", type);
            return;
        }
        if (meeting.passcode != null && !passcodeAccepted(connection, meeting, passcode, type)) {
            return;
        }
        synchronized (meeting) {
            if (meeting.ended()) {
                connection.sendError(ErrorCode.MEETING_NOT_FOUND, "No meeting with this ID", type);
            } else if (meeting.locked()) {
                connection.sendError(ErrorCode.MEETING_LOCKED, "The host has locked this meeting", type);
            } else if (meeting.size() >= config.maxParticipantsPerMeeting() || meeting.idsExhausted()) {
                connection.sendError(ErrorCode.MEETING_FULL, "The meeting is full ("
                        + config.maxParticipantsPerMeeting() + " participants)", type);
            } else {
                admit(connection, meeting, name);
            }
        }
    }

    private boolean passcodeAccepted(ClientConnection connection, Meeting meeting, String passcode, String type) {
        long wait = passcodeThrottle.secondsUntilAllowed(connection.remoteAddress, meeting.id);
        if (wait > 0) {
            connection.send(new ServerMessage.ErrorMessage(ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many wrong passcodes; try again in " + wait + " s", type, null, (int) wait));
            return false;
        }
        if (passcode.isEmpty()) {
            connection.sendError(ErrorCode.PASSCODE_REQUIRED, "This meeting needs a passcode", type);
            return false;
        }
        if (!meeting.passcode.matches(passcode)) {
            passcodeThrottle.recordFailure(connection.remoteAddress, meeting.id);
            connection.sendError(ErrorCode.WRONG_PASSCODE, "The passcode is not correct", type);
            LOG.info("event=wrong_passcode meeting={} conn={} remote={}", meeting.id, connection, connection.remoteAddress);
            return false;
        }
        passcodeThrottle.recordSuccess(connection.remoteAddress, meeting.id);
        return true;
    }

    /** Adds the connection to the meeting as a new participant. Caller holds the meeting's lock. */
    private void admit(ClientConnection connection, Meeting meeting, String displayName) {
        if (meeting.emptyTimer != null) {
            meeting.emptyTimer.cancel(false);
            meeting.emptyTimer = null;
        }
        Member member = meeting.add(displayName, newResumeToken(), clock.instant());
        member.connection(connection);
        connection.member(member);
        membersByResumeToken.put(member.resumeToken, member);
        connection.send(joinedMessage(meeting, member, false));
        meeting.broadcast(new ServerMessage.ParticipantJoined(member.view()), member);
        LOG.info("event=participant_joined meeting={} participant={} role={} conn={}", meeting.id, member.id,
                member.role, connection);
    }

    private ServerMessage.Joined joinedMessage(Meeting meeting, Member member, boolean resumed) {
        return new ServerMessage.Joined(meeting.id, member.id, member.resumeToken, resumed, meeting.locked(),
                meeting.passcode != null, meeting.hostId(), meeting.roster());
    }

    private void resume(ClientConnection connection, ClientMessage.Resume resume) {
        if (!checkNotInMeeting(connection, "resume")) {
            return;
        }
        Member member = membersByResumeToken.get(resume.resumeToken());
        if (member == null) {
            connection.sendError(ErrorCode.RESUME_REJECTED, "This session has expired; join the meeting again", "resume");
            return;
        }
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (meeting.ended() || meeting.member(member.id).isEmpty()) {
                connection.sendError(ErrorCode.RESUME_REJECTED, "This session has expired; join the meeting again", "resume");
                return;
            }
            if (member.resumeExpiry != null) {
                member.resumeExpiry.cancel(false);
                member.resumeExpiry = null;
            }
            ClientConnection previous = member.connection();
            member.connection(connection);
            connection.member(member);
            if (previous != null && previous != connection) {
                previous.member(null);
                previous.close(CLOSE_REPLACED, "Replaced by a resumed connection");
            }
            connection.send(joinedMessage(meeting, member, true));
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), member);
        }
        LOG.info("event=participant_resumed meeting={} participant={} conn={}", meeting.id, member.id, connection);
    }

    // ---- leaving ----------------------------------------------------------------------------------------

    private void leave(ClientConnection connection) {
        Member member = requireMember(connection, "leave");
        if (member == null) {
            return;
        }
        depart(member, LeaveReason.LEFT);
        connection.send(new ServerMessage.MeetingLeft(LeaveReason.LEFT));
        connection.close(1000, "Left the meeting");
    }

    private void connectionLost(Member member, ClientConnection connection) {
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (member.connection() != connection || meeting.member(member.id).isEmpty()) {
                return;
            }
            member.connection(null);
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), member);
            member.resumeExpiry = timers.schedule(() -> expireIfStillAway(member),
                    config.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("event=participant_disconnected meeting={} participant={}", meeting.id, member.id);
    }

    private void expireIfStillAway(Member member) {
        synchronized (member.meeting) {
            if (member.connection() == null) {
                depart(member, LeaveReason.DISCONNECTED);
            }
        }
    }

    /** Takes a member out of its meeting and tells the others; hands the host role on if needed. */
    private void depart(Member member, LeaveReason reason) {
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            if (meeting.member(member.id).isEmpty()) {
                return;
            }
            meeting.remove(member);
            membersByResumeToken.remove(member.resumeToken);
            if (member.resumeExpiry != null) {
                member.resumeExpiry.cancel(false);
            }
            ClientConnection connection = member.connection();
            if (connection != null) {
                connection.member(null);
            }
            meeting.broadcast(new ServerMessage.ParticipantLeft(member.id, reason, clock.instant()), null);
            LOG.info("event=participant_left meeting={} participant={} reason={}", meeting.id, member.id, reason);
            if (meeting.isEmpty()) {
                scheduleRemovalIfEmpty(meeting);
            } else if (meeting.hostId() == member.id) {
                meeting.successor().ifPresent(next -> announceHostChange(meeting, meeting.transferHost(next)));
            }
        }
    }

    private void scheduleRemovalIfEmpty(Meeting meeting) {
        meeting.emptyTimer = timers.schedule(() -> {
            synchronized (meeting) {
                if (meeting.isEmpty() && !meeting.ended()) {
                    removeMeeting(meeting, "empty");
                }
            }
        }, config.emptyMeetingGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void removeMeeting(Meeting meeting, String why) {
        meeting.markEnded();
        meetings.remove(meeting.id, meeting);
        passcodeThrottle.forgetMeeting(meeting.id);
        LOG.info("event=meeting_removed meeting={} reason={}", meeting.id, why);
    }

    // ---- in-meeting requests ----------------------------------------------------------------------------

    private void updateState(ClientConnection connection, ClientMessage.UpdateState update) {
        Member member = requireMember(connection, "update_state");
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            member.muted = update.muted();
            member.cameraOn = update.cameraOn();
            member.sharing = update.sharing();
            member.recording = update.recording();
            member.meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
        }
    }

    private void chat(ClientConnection connection, ClientMessage.Chat chat) {
        Member member = requireMember(connection, "chat");
        if (member == null) {
            return;
        }
        if (chat.enc().isEmpty() || chat.enc().length() > MAX_ENC_LENGTH) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'enc' must be 1 to " + MAX_ENC_LENGTH + " characters", "chat");
            return;
        }
        Meeting meeting = member.meeting;
        var relayed = new ServerMessage.ChatMessage(member.id, chat.to(), chat.enc(), chat.payload(), clock.instant());
        if (chat.to().isEmpty()) {
            meeting.broadcast(relayed, member);
            return;
        }
        List<Member> recipients = chat.to().stream().distinct().map(id -> meeting.member(id).orElse(null)).toList();
        if (recipients.contains(null)) {
            connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "A recipient is not in the meeting", "chat");
            return;
        }
        for (Member recipient : recipients) {
            ClientConnection to = recipient.connection();
            if (recipient != member && to != null) {
                to.send(relayed);
            }
        }
    }

    private void askMute(ClientConnection connection, ClientMessage.AskMute ask) {
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
        if (target != null && target.connection() != null) {
            target.connection().send(request);
            LOG.info("event=ask_mute meeting={} target={}", host.meeting.id, target.id);
        }
    }

    private void removeParticipant(ClientConnection connection, ClientMessage.RemoveParticipant remove) {
        Member host = requireHost(connection, "remove_participant");
        if (host == null) {
            return;
        }
        Member target = requireOther(connection, host, remove.participantId(), "remove_participant");
        if (target == null) {
            return;
        }
        ClientConnection targetConnection = target.connection();
        depart(target, LeaveReason.REMOVED);
        if (targetConnection != null) {
            targetConnection.send(new ServerMessage.MeetingLeft(LeaveReason.REMOVED));
            targetConnection.close(1000, "Removed by the host");
        }
    }

    private void lock(ClientConnection connection, ClientMessage.LockMeeting lock) {
        Member host = requireHost(connection, "lock_meeting");
        if (host == null) {
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            meeting.locked(lock.locked());
            meeting.broadcast(new ServerMessage.MeetingUpdated(meeting.locked(), meeting.hostId()), null);
        }
        LOG.info("event=meeting_lock meeting={} locked={}", meeting.id, lock.locked());
    }

    private void endMeeting(ClientConnection connection) {
        Member host = requireHost(connection, "end_meeting");
        if (host == null) {
            return;
        }
        Meeting meeting = host.meeting;
        synchronized (meeting) {
            var ended = new ServerMessage.MeetingLeft(LeaveReason.ENDED_BY_HOST);
            for (Member member : meeting.members()) {
                membersByResumeToken.remove(member.resumeToken);
                if (member.resumeExpiry != null) {
                    member.resumeExpiry.cancel(false);
                }
                ClientConnection memberConnection = member.connection();
                if (memberConnection != null) {
                    memberConnection.member(null);
                    memberConnection.send(ended);
                    memberConnection.close(1000, "Meeting ended by the host");
                }
                meeting.remove(member);
            }
            removeMeeting(meeting, "ended_by_host");
        }
    }

    private void transferHost(ClientConnection connection, ClientMessage.TransferHost transfer) {
        Member host = requireHost(connection, "transfer_host");
        if (host == null) {
            return;
        }
        Member target = requireOther(connection, host, transfer.participantId(), "transfer_host");
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
            announceHostChange(meeting, meeting.transferHost(target));
        }
        LOG.info("event=host_transferred meeting={} from={} to={}", meeting.id, host.id, target.id);
    }

    private void announceHostChange(Meeting meeting, List<Member> changed) {
        for (Member member : changed) {
            meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
        }
        meeting.broadcast(new ServerMessage.MeetingUpdated(meeting.locked(), meeting.hostId()), null);
    }

    private void requestKeyframe(ClientConnection connection, ClientMessage.RequestKeyframe request) {
        Member member = requireMember(connection, "keyframe_request");
        if (member == null) {
            return;
        }
        Member sender = member.meeting.member(request.participantId()).orElse(null);
        if (sender == null) {
            connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "No participant " + request.participantId(),
                    "keyframe_request");
        } else if (sender.connection() != null) {
            sender.connection().send(new ServerMessage.KeyframeRequested(request.stream(), member.id));
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------

    private boolean checkNotInMeeting(ClientConnection connection, String type) {
        if (connection.member() != null) {
            connection.sendError(ErrorCode.ALREADY_IN_MEETING, "This connection is already in a meeting", type);
            return false;
        }
        return true;
    }

    private static Member requireMember(ClientConnection connection, String type) {
        Member member = connection.member();
        if (member == null) {
            connection.sendError(ErrorCode.NOT_IN_MEETING, "Join a meeting first", type);
        }
        return member;
    }

    private static Member requireHost(ClientConnection connection, String type) {
        Member member = requireMember(connection, type);
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

    private static Member requireOther(ClientConnection connection, Member self, int targetId, String type) {
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

    private static String validName(ClientConnection connection, String raw, String type) {
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl)) {
            connection.sendError(ErrorCode.INVALID_MESSAGE,
                    "'displayName' must be 1 to " + MAX_NAME_LENGTH + " printable characters", type);
            return null;
        }
        return name;
    }

    /** The passcode, "" for none, or null after reporting an invalid one. */
    private static String normalizedPasscode(ClientConnection connection, String raw, String type) {
        if (raw == null) {
            return "";
        }
        if (raw.length() > MAX_PASSCODE_LENGTH) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'passcode' is limited to " + MAX_PASSCODE_LENGTH
                    + " characters", type);
            return null;
        }
        return raw;
    }

    private String newResumeToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String typeOf(ClientMessage message) {
        return ProtocolCodec.typeName(message);
    }

    private static int utf8Length(String text) {
        if (text.length() * 3L <= ProtocolVersion.MAX_TEXT_FRAME_BYTES) {
            return text.length(); // cannot exceed the limit; skip the exact count
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static String serverVersion() {
        String version = MeetingService.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
