package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.DisplayNameRule;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's signaling front door, independent of the WebSocket library: handshake, rate limits, parsing
 * and validation, then dispatch to the {@link MeetingRegistry} and {@link HostControls}. (Message size limits
 * are enforced while frames arrive, by {@link ServerDraft}.) Every client message gets either its documented
 * effect or an {@code error} back to the sender; nothing a client sends can disturb other meetings or
 * participants.
 */
final class MeetingService {

    static final int CLOSE_HELLO_REQUIRED = 4001;
    static final int CLOSE_UNSUPPORTED_VERSION = 4002;
    static final int CLOSE_POLICY = 1008;

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    private static final int MAX_PASSCODE_LENGTH = 64;
    private static final int MAX_ENC_LENGTH = 32;
    /** A sealed media key is 72 base64 characters today; room for a longer one later, not for payloads. */
    static final int MAX_SEALED_MEDIA_KEY_CHARS = 256;
    /** Room for 4,000 characters of text encrypted for 100 participants (docs/security.md, "Sizes"). */
    static final int MAX_CHAT_PAYLOAD_CHARS = 49_152;
    private static final int CHAT_KEY_BYTES = 32;

    private final ServerConfig config;
    private final ProtocolCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final MeetingRegistry registry;
    private final HostControls hostControls;
    private final MediaRelay relay;
    private final ShareControls shares = new ShareControls();
    private final RecordingControls recordings = new RecordingControls();
    private final ViewControls views;
    private final ModerationControls moderation = new ModerationControls();
    private final WaitingRoomControls waitingRooms;
    private final FileRelay files;
    private final HandControls hands = new HandControls();
    private final PollControls polls = new PollControls();
    private final ScheduleControls schedule;
    /** Null for a server on its own. */
    private volatile ClusterNode cluster;

    MeetingService(ServerConfig config, ProtocolCodec codec, Clock clock, ScheduledExecutorService timers) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.timers = timers;
        this.registry = new MeetingRegistry(config, clock, timers);
        this.hostControls = new HostControls(registry);
        this.relay = new MediaRelay(clock);
        this.views = new ViewControls(relay, config.maxParticipantsPerMeeting());
        this.waitingRooms = new WaitingRoomControls(clock, config.maxParticipantsPerMeeting(), this::enter,
                registry::newResumeToken);
        registry.onEmptiedWhileWaiting(waitingRooms::meetingEmptied);
        this.files = new FileRelay(clock, config.maxFileBytes());
        this.schedule = startSchedule(config, clock, timers, registry);
    }

    /** How much file ciphertext the server holds now and at most (docs/protocol.md section 14.3). */
    FileRelay.Stats fileStats() {
        return files.stats();
    }

    private static ScheduleControls startSchedule(ServerConfig config, Clock clock, ScheduledExecutorService timers,
                                                  MeetingRegistry registry) {
        ScheduleLimits limits = config.scheduleLimits();
        ScheduleBook book = new ScheduleBook(new ScheduleFile(config.dataDir()), limits, clock);
        ScheduleControls controls = new ScheduleControls(book, registry, limits, clock);
        registry.reserveIds(controls::holds);
        long sweepMillis = limits.sweep().toMillis();
        timers.scheduleWithFixedDelay(() -> sweepQuietly(controls), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        return controls;
    }

    private static void sweepQuietly(ScheduleControls controls) {
        try {
            controls.sweep();
        } catch (RuntimeException e) {
            // A cluster's Redis may be away for a moment; the next sweep tries again (nothing depends on it).
            LOG.warn("event=schedule_sweep_failed message={}", e.getMessage());
        }
    }

    /** Makes this server a node of the cluster; its first heartbeat is published before this returns. */
    ClusterNode joinCluster(ClusterConfig clusterConfig, java.net.URI advertise, java.util.function.Supplier<String> fingerprint) {
        ClusterNode node = new ClusterNode(clusterConfig, advertise, registry, clock, fingerprint);
        registry.alsoReserveIds(id -> !node.reserveNewId(id));
        node.start();
        ClusterSchedule clusterSchedule = node.schedule(config.scheduleLimits());
        int adopted = clusterSchedule.adopt(new ScheduleFile(config.dataDir()).load().meetings());
        schedule.joinCluster(clusterSchedule, node::placeScheduled);
        waitingRooms.keepPlaces();
        LOG.info("event=cluster_schedule node={} adopted_from_data_folder={}", node.name(), adopted);
        cluster = node;
        return node;
    }

    int meetingCount() {
        return registry.meetingCount();
    }

    /** Tells every connected client the server is going away and closes its connection. */
    void shutdown(String reason) {
        registry.shutdown(reason);
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
        files.connectionClosed(connection);
        Member member = connection.member();
        if (member != null) {
            registry.connectionLost(member, connection);
        } else {
            waitingRooms.left(connection); // a waiting person holds no seat to resume (docs/protocol.md section 6.8)
        }
    }

    /**
     * The transport is closing the connection with 1009 because a message went over its size limit
     * ({@link ServerDraft}); the client is told why first.
     */
    void messageTooBig(ClientConnection connection, String reason) {
        connection.sendError(ErrorCode.FRAME_TOO_LARGE, reason, null);
        LOG.warn("event=frame_too_large conn={}", connection);
    }

    void text(ClientConnection connection, String text) {
        if (!connection.messageRate.tryTake(1)) {
            rejectFlood(connection);
            return;
        }
        ClientMessage message;
        try {
            message = codec.decodeClient(text);
        } catch (RuntimeException e) {
            // A decoder bug must still answer the sender and leave a trace here, not in the library's log.
            LOG.error("event=internal_error conn={} type=unknown", connection, e);
            connection.sendError(ErrorCode.INTERNAL_ERROR, "The server could not read this message", null);
            return;
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
        if (FileRelay.isFileFrame(frame)) {
            files.chunk(connection, frame);
        } else {
            relay.relay(connection, frame);
        }
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
            case ClientMessage.MediaKey key -> mediaKey(connection, key);
            case ClientMessage.AskMute ask -> hostControls.askMute(connection, ask);
            case ClientMessage.RemoveParticipant remove -> hostControls.removeParticipant(connection, remove);
            case ClientMessage.LockMeeting lock -> hostControls.lock(connection, lock);
            case ClientMessage.SetTopic topic -> hostControls.setTopic(connection, topic);
            case ClientMessage.EndMeeting ignored -> hostControls.endMeeting(connection);
            case ClientMessage.TransferHost transfer -> hostControls.transferHost(connection, transfer);
            case ClientMessage.RequestKeyframe request -> requestKeyframe(connection, request);
            case ClientMessage.Ping ping -> connection.send(new ServerMessage.Pong(ping.nonce()));
            case ClientMessage.ReceiveEstimate estimate -> receiveEstimate(connection, estimate);
            case ClientMessage.ProbeRequest probe -> {
                if (connection.memberOrError("probe_request") != null) {
                    PaddingProbe.start(connection, probe, timers);
                }
            }
            case ClientMessage.View view -> views.view(connection, view);
            case ClientMessage.ShareStart start -> shares.start(connection, start);
            case ClientMessage.ShareStop ignored -> shares.stop(connection);
            case ClientMessage.ShareOptions options -> shares.options(connection, options);
            case ClientMessage.StopShare stop -> shares.stopOther(connection, stop);
            case ClientMessage.AllowMultipleSharers allow -> shares.allowMultiple(connection, allow);
            case ClientMessage.Annotate annotate -> shares.annotate(connection, annotate);
            case ClientMessage.AnnotateSealed sealed -> shares.annotateSealed(connection, sealed);
            case ClientMessage.RecordingStart ignored -> recordings.start(connection);
            case ClientMessage.RecordingStop ignored -> recordings.stop(connection);
            case ClientMessage.SetRecordingPolicy policy -> recordings.setPolicy(connection, policy);
            case ClientMessage.SetWaitingRoom room -> waitingRooms.setEnabled(connection, room);
            case ClientMessage.Admit admit -> waitingRooms.admit(connection, admit);
            case ClientMessage.Deny deny -> waitingRooms.deny(connection, deny);
            case ClientMessage.SetRole role -> moderation.setRole(connection, role);
            case ClientMessage.SetMuteOnEntry mute -> moderation.setMuteOnEntry(connection, mute);
            case ClientMessage.AskUnmute ask -> hostControls.askUnmute(connection, ask);
            case ClientMessage.Spotlight spotlight -> moderation.spotlight(connection, spotlight);
            case ClientMessage.FileOffer offer -> files.offer(connection, offer);
            case ClientMessage.FileCancel cancel -> files.cancel(connection, cancel);
            case ClientMessage.RaiseHand raise -> hands.raise(connection, raise);
            case ClientMessage.LowerHands lower -> hands.lower(connection, lower);
            case ClientMessage.React react -> hands.react(connection, react);
            case ClientMessage.PollLaunch launch -> polls.launch(connection, launch);
            case ClientMessage.PollVote vote -> polls.vote(connection, vote);
            case ClientMessage.PollEnd end -> polls.end(connection, end);
            case ClientMessage.PollShare share -> polls.share(connection, share);
            case ClientMessage.ScheduleMeeting request -> schedule.schedule(connection, request);
            case ClientMessage.UpdateScheduled request -> schedule.update(connection, request);
            case ClientMessage.CancelScheduled request -> schedule.cancel(connection, request);
            case ClientMessage.StartScheduled request -> startScheduled(connection, request);
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
                config.maxParticipantsPerMeeting(), config.maxFileBytes());
    }

    private void create(ClientConnection connection, ClientMessage.CreateMeeting create) {
        String type = "create_meeting";
        if (!checkNotInMeeting(connection, type)) {
            return;
        }
        String name = validName(connection, create.displayName(), type);
        String passcode = normalizedPasscode(connection, create.passcode(), type);
        if (name == null || passcode == null || !validChatKey(connection, create.chatKey(), type)) {
            return;
        }
        String leastLoaded = cluster == null ? null : cluster.placeNewMeeting();
        if (leastLoaded != null) {
            connection.send(new ServerMessage.Redirect(leastLoaded, type, null));
            return;
        }
        MeetingRegistry.Creation creation = registry.create(passcode.isEmpty() ? null : PasscodeHash.of(passcode),
                connection.addressGroup);
        if (creation.refusal() != null) {
            connection.send(creation.refusal());
            LOG.info("event=meeting_refused conn={} code={}", connection, creation.refusal().code());
            return;
        }
        Meeting meeting = creation.meeting();
        LOG.info("event=meeting_created meeting={} conn={} passcode={}", meeting.id, connection,
                meeting.passcode != null);
        synchronized (meeting) {
            meeting.waitingRoom.enabled(create.withWaitingRoom());
            meeting.muteOnEntry(create.withMuteOnEntry());
            registry.admit(connection, meeting, name, create.chatKey());
            recordings.greet(connection);
        }
        greetClusterMember(connection);
    }

    private void join(ClientConnection connection, ClientMessage.Join join) {
        String type = "join";
        if (!checkNotInMeeting(connection, type)) {
            return;
        }
        String name = validName(connection, join.displayName(), type);
        String passcode = normalizedPasscode(connection, join.passcode(), type);
        if (name == null || passcode == null || !validChatKey(connection, join.chatKey(), type)) {
            return;
        }
        String meetingId = join.meetingId().replaceAll("[\\s-]", "");
        Meeting meeting = registry.find(meetingId);
        if (meeting == null && cluster != null) {
            switch (cluster.route(meetingId)) {
                case ClusterNode.Route.Here here -> meeting = here.meeting();
                case ClusterNode.Route.Elsewhere elsewhere -> {
                    connection.send(new ServerMessage.Redirect(elsewhere.url(), type, meetingId));
                    return;
                }
                case ClusterNode.Route.Unknown ignored -> {
                }
            }
        }
        if (meeting == null) {
            schedule.refuseJoin(connection, meetingId);
            return;
        }
        if (join.waitToken() != null && cluster != null) {
            synchronized (meeting) {
                // Back from a node that died while this person waited: its place, past lock and passcode (it had
                // passed them, and the token proves it).
                if (!meeting.ended() && waitingRooms.takeBack(connection, meeting, join.waitToken())) {
                    if (connection.member() == null) {
                        greetClusterMember(connection); // still waiting (an admitted one was greeted on entering)
                    }
                    return;
                }
            }
        }
        if (meeting.locked()) {
            connection.sendError(ErrorCode.MEETING_LOCKED, "The host has locked this meeting", type);
            return;
        }
        if (meeting.passcode != null && !passcodeAccepted(connection, meeting, passcode, type)) {
            return;
        }
        synchronized (meeting) {
            admitIfRoom(connection, meeting, name, join.chatKey(), type, true, true);
        }
    }

    /**
     * In a cluster, a new member (or waiting person) learns the other nodes, where it resumes (or takes its
     * waiting place back) if this one stops answering. Sends what the node learnt at its last heartbeat (no Redis
     * call), so callers may hold the meeting's lock.
     */
    private void greetClusterMember(ClientConnection connection) {
        ClusterNode node = cluster;
        if (node != null && (connection.member() != null || connection.waitingSeat() != null)) {
            connection.send(new ServerMessage.ClusterNodes(node.otherNodes()));
        }
    }

    /**
     * Admits the connection unless the meeting ended meanwhile, is locked ({@code lockApplies}) or full; with
     * {@code mayWait}, a meeting with its waiting room on seats it there instead. Null after sending the error, or
     * when it waits. Caller holds the meeting's lock.
     */
    private Member admitIfRoom(ClientConnection connection, Meeting meeting, String name, String chatKey, String type,
                               boolean lockApplies, boolean mayWait) {
        if (meeting.ended()) {
            connection.sendError(ErrorCode.MEETING_NOT_FOUND, "No meeting with this ID", type);
        } else if (lockApplies && meeting.locked()) {
            connection.sendError(ErrorCode.MEETING_LOCKED, "The host has locked this meeting", type);
        } else if (meeting.size() >= config.maxParticipantsPerMeeting() || meeting.idsExhausted()) {
            connection.sendError(ErrorCode.MEETING_FULL, "The meeting is full ("
                    + config.maxParticipantsPerMeeting() + " participants)", type);
        } else if (mayWait && WaitingRoomControls.mustWait(meeting)) {
            waitingRooms.seat(connection, meeting, name, chatKey);
            greetClusterMember(connection);
        } else {
            return enter(connection, meeting, name, chatKey);
        }
        return null;
    }

    /**
     * The scheduler joins its scheduled meeting as host, past lock and passcode; if someone else holds the host
     * role (the meeting ran without the scheduler), it comes back to the scheduler.
     */
    private void startScheduled(ClientConnection connection, ClientMessage.StartScheduled start) {
        String type = "start_scheduled";
        if (!checkNotInMeeting(connection, type)) {
            return;
        }
        String name = validName(connection, start.displayName(), type);
        if (name == null || !validChatKey(connection, start.chatKey(), type)) {
            return;
        }
        Meeting meeting = schedule.openForHost(connection, start);
        if (meeting == null) {
            return;
        }
        synchronized (meeting) {
            Member host = admitIfRoom(connection, meeting, name, start.chatKey(), type, false, false);
            if (host != null && meeting.hostId() != host.id) {
                registry.announceHostChange(meeting, meeting.transferHost(host));
            }
        }
    }

    /** Makes the connection a member, as a join or an admission from the waiting room. Holds the meeting's lock. */
    private Member enter(ClientConnection connection, Meeting meeting, String name, String chatKey) {
        Member admitted = registry.admit(connection, meeting, name, chatKey);
        shares.greet(connection);
        recordings.greet(connection);
        hands.greet(connection, false);
        polls.greet(connection);
        relay.receiverArrived(admitted);
        greetClusterMember(connection); // also for someone admitted from the waiting room
        return admitted;
    }

    private boolean passcodeAccepted(ClientConnection connection, Meeting meeting, String passcode, String type) {
        if (passcode.isEmpty()) {
            connection.sendError(ErrorCode.PASSCODE_REQUIRED, "This meeting needs a passcode", type);
            return false;
        }
        PasscodeThrottle.Start start = registry.passcodeThrottle().begin(connection.addressGroup, meeting.id);
        if (start.attempt() == null) {
            int wait = retryAfterSeconds(start.waitMillis());
            connection.send(new ServerMessage.ErrorMessage(ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many wrong passcodes; try again in " + wait + " s", type, null, wait));
            return false;
        }
        if (!meeting.passcode.matches(passcode)) {
            long wait = start.attempt().waitBeforeNextTry();
            connection.send(new ServerMessage.ErrorMessage(ErrorCode.WRONG_PASSCODE, "The passcode is not correct"
                    + (wait > 0 ? "; the next try is possible in " + retryAfterSeconds(wait) + " s" : ""),
                    type, null, wait > 0 ? retryAfterSeconds(wait) : null));
            LOG.info("event=wrong_passcode meeting={} conn={} remote={}", meeting.id, connection, connection.remoteAddress);
            return false;
        }
        start.attempt().succeeded();
        return true;
    }

    private static int retryAfterSeconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    private void resume(ClientConnection connection, ClientMessage.Resume resume) {
        if (!checkNotInMeeting(connection, "resume")) {
            return;
        }
        String token = resume.resumeToken();
        boolean resumed = registry.resume(connection, token);
        if (!resumed && cluster != null) {
            // Not a seat here: the meeting may run on another node, or this node takes it over now.
            switch (cluster.routeResume(token)) {
                case ClusterNode.Route.Here ignored -> resumed = registry.resume(connection, token);
                case ClusterNode.Route.Elsewhere elsewhere -> {
                    connection.send(new ServerMessage.Redirect(elsewhere.url(), "resume", null));
                    return;
                }
                case ClusterNode.Route.Unknown ignored -> {
                }
            }
        }
        if (resumed) {
            shares.greet(connection);
            recordings.greet(connection);
            hands.greet(connection, true);
            polls.greet(connection);
            Member member = connection.member();
            if (member != null) {
                relay.receiverArrived(member);
            }
            greetClusterMember(connection);
        } else {
            connection.sendError(ErrorCode.RESUME_REJECTED, "This session has expired; join the meeting again", "resume");
        }
    }

    // ---- leaving ----------------------------------------------------------------------------------------

    private void leave(ClientConnection connection) {
        if (waitingRooms.left(connection)) {
            connection.send(new ServerMessage.MeetingLeft(LeaveReason.LEFT));
            connection.close(1000, "Left the waiting room");
            return;
        }
        Member member = connection.memberOrError("leave");
        if (member == null) {
            return;
        }
        registry.depart(member, LeaveReason.LEFT);
        connection.send(new ServerMessage.MeetingLeft(LeaveReason.LEFT));
        connection.close(1000, "Left the meeting");
    }

    // ---- in-meeting requests ----------------------------------------------------------------------------

    private void updateState(ClientConnection connection, ClientMessage.UpdateState update) {
        Member member = connection.memberOrError("update_state");
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            member.muted = update.muted();
            member.cameraOn = update.cameraOn();
            // 'sharing' and 'recording' are the server's own record, changed only by the share and
            // recording requests, so that the recording policy cannot be bypassed here.
            member.meeting.broadcast(new ServerMessage.ParticipantUpdated(member.view()), null);
            SendTargets.update(member.meeting); // who sends sound and video changed: the budgets did
        }
    }

    private void receiveEstimate(ClientConnection connection, ClientMessage.ReceiveEstimate estimate) {
        Member member = connection.memberOrError("receive_estimate");
        if (member == null) {
            return;
        }
        if (estimate.queueMillis() != null) {
            PaddingProbe.stop(connection);
            // What already stood in a sender's uplink is no queue in this receiver's downlink: holding video back
            // for it would drain nothing.
            long nowMicros = MediaRelay.epochMicros(clock);
            long upstream = member.meeting.members().stream().filter(other -> other != member)
                    .mapToLong(other -> other.uplinkQueue.queueMillis(nowMicros)).max().orElse(0);
            int inDownlink = (int) Math.max(0, estimate.queueMillis() - upstream);
            long hold = connection.drainHold.holdMillis(inDownlink, clock.millis());
            if (hold > 0) {
                connection.media.holdVideo(hold);
            }
        }
        synchronized (member.meeting) {
            member.downlinkKbps = estimate.kbps();
            SendTargets.update(member.meeting);
        }
    }

    private void chat(ClientConnection connection, ClientMessage.Chat chat) {
        Member member = connection.memberOrError("chat");
        if (member == null) {
            return;
        }
        if (chat.enc().isEmpty() || chat.enc().length() > MAX_ENC_LENGTH) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'enc' must be 1 to " + MAX_ENC_LENGTH + " characters", "chat");
            return;
        }
        if (chat.payload().length() > MAX_CHAT_PAYLOAD_CHARS) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'payload' is limited to " + MAX_CHAT_PAYLOAD_CHARS
                    + " characters", "chat");
            return;
        }
        if (!connection.chatRate.tryTake(1)) {
            connection.sendError(ErrorCode.RATE_LIMITED, "More than " + ClientConnection.CHAT_MESSAGES_PER_SECOND
                    + " chat messages per second; message dropped", "chat");
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

    /**
     * Hands each listed recipient its own sealed media key, unread (docs/protocol.md section 6.7). Recipients that are
     * not (or no longer) in the meeting, not connected, or the sender itself are skipped without an error: a key
     * change races with people leaving, and the others must still get theirs.
     */
    private void mediaKey(ClientConnection connection, ClientMessage.MediaKey message) {
        Member member = connection.memberOrError("media_key");
        if (member == null) {
            return;
        }
        if (message.keys().size() > config.maxParticipantsPerMeeting()) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'keys' lists more than "
                    + config.maxParticipantsPerMeeting() + " recipients", "media_key");
            return;
        }
        for (ClientMessage.MediaKey.Sealed sealed : message.keys()) {
            if (sealed.key().isEmpty() || sealed.key().length() > MAX_SEALED_MEDIA_KEY_CHARS) {
                connection.sendError(ErrorCode.INVALID_MESSAGE, "'key' must be 1 to " + MAX_SEALED_MEDIA_KEY_CHARS
                        + " characters", "media_key");
                return;
            }
        }
        for (ClientMessage.MediaKey.Sealed sealed : message.keys()) {
            Member recipient = member.meeting.member(sealed.to()).orElse(null);
            ClientConnection to = recipient == null || recipient == member ? null : recipient.connection();
            if (to != null) {
                to.send(new ServerMessage.MediaKeyMessage(member.id, sealed.key()));
            }
        }
    }

    private void requestKeyframe(ClientConnection connection, ClientMessage.RequestKeyframe request) {
        Member member = connection.memberOrError("keyframe_request");
        if (member == null) {
            return;
        }
        Member sender = member.meeting.member(request.participantId()).orElse(null);
        if (sender == null) {
            connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "No participant " + request.participantId(),
                    "keyframe_request");
        } else {
            relay.keyframeRequested(member, sender, request.stream());
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------

    private boolean checkNotInMeeting(ClientConnection connection, String type) {
        if (connection.member() != null || connection.waitingSeat() != null) {
            connection.sendError(ErrorCode.ALREADY_IN_MEETING, "This connection is already in a meeting", type);
            return false;
        }
        return true;
    }

    /** The name as everyone will see it (DisplayNameRule: NFC, spaces collapsed, trimmed), or null after refusing it. */
    private static String validName(ClientConnection connection, String raw, String type) {
        DisplayNameRule.Result name = DisplayNameRule.check(raw);
        if (!name.valid()) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, name.wireReason(), type);
            return null;
        }
        return name.name();
    }

    /** An absent chat key is fine (the participant cannot receive encrypted chat); a present one must be 32 bytes. */
    private static boolean validChatKey(ClientConnection connection, String chatKey, String type) {
        if (chatKey == null) {
            return true;
        }
        try {
            if (chatKey.length() <= 64 && java.util.Base64.getDecoder().decode(chatKey).length == CHAT_KEY_BYTES) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        connection.sendError(ErrorCode.INVALID_MESSAGE, "'chatKey' must be 32 bytes in base64", type);
        return false;
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

    private static String typeOf(ClientMessage message) {
        return ProtocolCodec.typeName(message);
    }

    static String serverVersion() {
        String version = MeetingService.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
