package dev.confab.meeting;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.Participant;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.meeting.chat.ChatCrypto;
import dev.confab.meeting.chat.ChatDecryptException;
import dev.confab.meeting.chat.ChatEnvelope;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.meeting.chat.ReplayGuard;
import dev.confab.meeting.e2ee.MediaEncryption;
import dev.confab.meeting.e2ee.MediaKeyExchange;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.FileTransfers;
import dev.confab.meeting.files.ReceivedFile;
import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.signaling.SignalingConnection;
import dev.confab.signaling.SignalingException;
import dev.confab.signaling.SignalingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One visit to one meeting: create or join it, follow the roster, use host controls, chat, and survive
 * connection loss by reconnecting with backoff and resuming the same identity.
 *
 * <p>Threading: public methods may be called from any thread (including the JavaFX thread) and never block;
 * the work runs on the session's own event thread, where {@link MeetingListener} callbacks also run.
 * {@link #state()} and {@link #roster()} return the latest snapshot from any thread.
 *
 * <p>A session is used once: after {@link SessionState.Ended}, create a new one to join again.
 *
 * <pre>{@code
 * var session = new MeetingSession(SessionOptions.of(uri, "Ada", knownServers.trustFor(uri)), listener);
 * session.join("1234567890", "secret");   // or session.createMeeting(passcodeOrNull)
 * ... session.askToMute(id); session.sendChat("hi"); session.leave(); session.close();
 * }</pre>
 */
public final class MeetingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingSession.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /**
     * Kept short so that the seat is taken back within a couple of seconds of the network returning; an attempt
     * that hangs (a network passing nothing) gives up after {@link #RECONNECT_ATTEMPT_TIMEOUT}.
     */
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);
    static final Duration RECONNECT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Chat sent this recently before a connection was declared lost may have died with it (nothing
     * acknowledges chat): it is sent again after the resume, and receivers drop the copy they already have
     * (same message id, {@link ReplayGuard}).
     */
    private static final Duration CHAT_RESEND_WINDOW = SignalingConnection.DEAD_AFTER.plusSeconds(3);
    /** How long the server gets to close the connection after a leave before this side closes it. */
    private static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    private final SessionOptions options;
    private final MeetingListener listener;
    private final ScheduledExecutorService events;

    private volatile SessionState state = new SessionState.Idle();
    private volatile Roster roster = Roster.empty();
    private volatile RecordingRule recordingPolicy = RecordingRule.HOST_ONLY;
    /** Written on the event thread; read by the UI (a recording's name). */
    private volatile String topic;
    /** Written on the event thread; read by the UI when the meeting screen opens. */
    private volatile MeetingSettings settings = MeetingSettings.DEFAULT;
    private volatile List<WaitingPerson> waiting = List.of();
    /** The poll as {@link #polls} last reported it; written on the event thread. */
    private volatile Poll currentPoll;
    /** The raised hands in queue order, as the server last said; written on the event thread. */
    private volatile List<Integer> raisedHands = List.of();
    // Written only on the event thread; volatile because sendMedia reads it from media threads.
    private volatile SignalingConnection connection;
    // Confined to the event thread:
    private String resumeToken;
    private Instant connectionLostAt;
    private OwnMediaState ownState = OwnMediaState.INITIAL;
    // Fresh for every session, i.e. every visit to a meeting; never stored (docs/security.md).
    private final ChatKeyPair chatKeys = ChatKeyPair.generate();
    private final ReplayGuard replayGuard = new ReplayGuard();
    // Media end to end: every frame is sealed on the way out and opened on the way in (docs/security.md section 9).
    private final MediaEncryption mediaEncryption = new MediaEncryption();
    private final MediaKeyExchange mediaKeys;
    private ChatCrypto chatCrypto;
    private final SealedAnnotations annotations;
    // Written on the event thread (the server's and the administrator's file limits), read by the UI.
    private volatile long fileLimitSeen;
    // Everyone present's chat public key (null for a client without one), by participant id: the roster the
    // layers above see leaves keys out, they are for encrypting here. Confined to the event thread.
    private final Map<Integer, String> rosterChatKeys = new HashMap<>();
    private final RosterCodes rosterCodes = new RosterCodes();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Event thread: which server of a cluster to talk to; the request that opened the session, to repeat after a redirect. */
    private volatile ServerRoute route;
    private ClientMessage openingRequest;
    // Confined to the event thread: the wait token of the last `waiting` (cluster nodes give one), and the attempt
    // under way to take the waiting place back at another node after this one stopped answering (0: none).
    private String waitToken;
    // Confined to the event thread: the share this client last asked for, until it stops it. A cluster node that
    // takes a meeting over knows nothing of shares: the client announces its share again (docs/protocol.md 6.12).
    private ClientMessage.ShareStart ownShare;
    private int rewaitAttempt;
    private Instant rewaitGiveUpAt;
    // Confined to the event thread: chat typed while reconnecting, and chat recently sent (to send again).
    private final List<PendingChat> chatWhileReconnecting = new ArrayList<>();
    private final ArrayDeque<SentChat> recentChat = new ArrayDeque<>();
    // Confined to the event thread: the cameras this client shows, coalesced into view messages.
    private final ViewReporter views;
    // Confined to the event thread: files sent and received (docs/protocol.md section 14).
    private final FileTransfers files;
    // Confined to the event thread: the meeting's poll, votes sealed like chat (docs/security.md section 11).
    private final PollBook polls;

    private record PendingChat(List<Integer> privateTo, String text) {
    }

    private record SentChat(Instant at, ClientMessage.Chat message) {
    }

    public MeetingSession(SessionOptions options, MeetingListener listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("confab-meeting").factory());
        // Pending timers (join timeout, reconnect) are moot once the session is closed.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.events = executor;
        this.views = new ViewReporter(shown -> sendNow(ProtocolMapping.toWire(shown)), System::nanoTime,
                (delayNanos, task) -> onEventsLater(task, delayNanos));
        PollSeal seal = new PollSeal();
        this.annotations = new SealedAnnotations(seal);
        this.polls = new PollBook(seal, this::sendNow, poll -> {
            currentPoll = poll;
            listener.onPollChanged(poll);
        }, () -> roster);
        this.mediaKeys = new MediaKeyExchange(chatKeys, mediaEncryption, this::sendNow,
                (delayNanos, task) -> onEventsLater(task, delayNanos), System::nanoTime);
        this.files = new FileTransfers(new FilesLink(), new FileTransfers.Events() {
            @Override
            public void received(ReceivedFile file) {
                listener.onFileReceived(file);
            }

            @Override
            public void progress(FileSendStatus status) {
                listener.onFileSendProgress(status);
            }

            @Override
            public void failed(FileFailure failure) {
                listener.onFileFailed(failure);
            }
        });
    }

    /** What the file transfers borrow from this session; called on the event thread (sendChunk on any). */
    private final class FilesLink implements FileTransfers.Link {
        @Override
        public void send(ClientMessage message) {
            sendNow(message);
        }

        @Override
        public boolean sendChunk(ByteBuffer frame) {
            SignalingConnection current = connection;
            return current != null && current.sendFileChunk(frame);
        }

        @Override
        public void onEvents(Runnable task) {
            MeetingSession.this.onEvents(task);
        }

        @Override
        public String seal(String text, List<Integer> to) {
            if (!(state instanceof SessionState.InMeeting) || chatCrypto == null) {
                return null;
            }
            Map<Integer, String> keys = recipientKeys(to);
            return keys.isEmpty() ? null : ChatWire.encode(chatCrypto.encrypt(text, keys, !to.isEmpty()));
        }

        @Override
        public String open(int from, String payload) throws ChatDecryptException {
            String senderKey = rosterChatKeys.get(from);
            if (senderKey == null || chatCrypto == null) {
                throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "No key for sender " + from);
            }
            return chatCrypto.decrypt(from, senderKey, ChatWire.decode(payload));
        }

        @Override
        public String nameOf(int participantId) {
            return roster.find(participantId).map(roster::label).orElseGet(() -> departedName(participantId));
        }
    }

    /** The server this session talks to now: the one it was given, or the cluster node it was redirected to. */
    public URI currentServer() {
        ServerRoute now = route;
        return now == null ? options.server() : now.current();
    }

    public SessionState state() {
        return state;
    }

    public Roster roster() {
        return roster;
    }

    /** The meeting's recording policy as last announced by the server (HOST_ONLY until then). */
    public RecordingRule recordingPolicy() {
        return recordingPolicy;
    }

    /**
     * Creates a new meeting on the server and joins it as host; {@code passcode} null or empty for none.
     *
     * @throws IllegalStateException if this session already created or joined (sessions are single-use)
     */
    public void createMeeting(String passcode) {
        createMeeting(passcode, false, false);
    }

    /**
     * Creates a meeting as {@link #createMeeting(String)}, with its waiting room and mute on entry already on or off.
     */
    public void createMeeting(String passcode, boolean waitingRoom, boolean muteOnEntry) {
        start(new ClientMessage.CreateMeeting(options.displayName(), blankToNull(passcode), chatKeys.publicKeyBase64(),
                waitingRoom, muteOnEntry));
    }

    /**
     * Joins an existing meeting (10-digit ID; spaces and dashes are ignored).
     *
     * @throws IllegalStateException if this session already created or joined (sessions are single-use)
     */
    public void join(String meetingId, String passcode) {
        start(new ClientMessage.Join(Objects.requireNonNull(meetingId, "meetingId"), options.displayName(),
                blankToNull(passcode), chatKeys.publicKeyBase64()));
    }

    /**
     * Opens (or rejoins) a meeting this computer scheduled, as its host, proven by {@code hostKey}
     * (docs/protocol.md section 6.11).
     *
     * @throws IllegalStateException if this session already created or joined (sessions are single-use)
     */
    public void startScheduled(String meetingId, String hostKey) {
        start(new ClientMessage.StartScheduled(Objects.requireNonNull(meetingId, "meetingId"),
                Objects.requireNonNull(hostKey, "hostKey"), options.displayName(), chatKeys.publicKeyBase64()));
    }

    /** Leaves the meeting (or cancels connecting/reconnecting). The state becomes Ended(LEFT). */
    public void leave() {
        onEvents(() -> {
            if (state instanceof SessionState.Ended) {
                return;
            }
            SignalingConnection current = connection;
            connection = null;
            if (current != null) {
                // Also while connecting: the join may already be in, and leave keeps no ghost behind.
                current.leave(LEAVE_GRACE);
            }
            end(EndReason.LEFT, null);
        });
    }

    /** Host: ask one participant to mute. */
    public void askToMute(int participantId) {
        sendInMeeting(new ClientMessage.AskMute(participantId));
    }

    /** Host: ask everyone else to mute. */
    public void askAllToMute() {
        sendInMeeting(new ClientMessage.AskMute(null));
    }

    /** Host: remove a participant from the meeting. */
    public void removeParticipant(int participantId) {
        sendInMeeting(new ClientMessage.RemoveParticipant(participantId));
    }

    /** Host: lock (no new joins) or unlock the meeting. */
    public void setLocked(boolean locked) {
        sendInMeeting(new ClientMessage.LockMeeting(locked));
    }

    /** Host: what the meeting is about (shown to everyone, kept in their histories); blank removes it. */
    public void setTopic(String topic) {
        sendInMeeting(new ClientMessage.SetTopic(topic));
    }

    /** The meeting's topic as the server last said, or null. */
    public String topic() {
        return topic;
    }

    /** Host: end the meeting for everyone. */
    public void endForAll() {
        sendInMeeting(new ClientMessage.EndMeeting());
    }

    /** Host: hand the host role to another participant. */
    public void makeHost(int participantId) {
        sendInMeeting(new ClientMessage.TransferHost(participantId));
    }

    /** Host: make a participant a co-host, or a participant again. */
    public void setCohost(int participantId, boolean cohost) {
        sendInMeeting(new ClientMessage.SetRole(participantId, cohost ? Role.COHOST : Role.PARTICIPANT));
    }

    /** Host or co-host: joiners wait until admitted (on), or come straight in (off: everyone waiting comes in). */
    public void setWaitingRoom(boolean enabled) {
        sendInMeeting(new ClientMessage.SetWaitingRoom(enabled));
    }

    /** Host or co-host: let one waiting person in. */
    public void admit(int waitingId) {
        sendInMeeting(new ClientMessage.Admit(waitingId));
    }

    /** Host or co-host: let everyone waiting in. */
    public void admitAll() {
        sendInMeeting(new ClientMessage.Admit(null));
    }

    /** Host or co-host: turn a waiting person away. */
    public void deny(int waitingId) {
        sendInMeeting(new ClientMessage.Deny(waitingId));
    }

    /** Host or co-host: joiners start muted from now on. */
    public void setMuteOnEntry(boolean enabled) {
        sendInMeeting(new ClientMessage.SetMuteOnEntry(enabled));
    }

    /** Host or co-host: ask everyone else to unmute (each of them is asked; nobody is unmuted by it). */
    public void askAllToUnmute() {
        sendInMeeting(new ClientMessage.AskUnmute(null));
    }

    /** Host or co-host: show {@code participantId} large for everyone; 0 ends the spotlight. */
    public void spotlight(int participantId) {
        sendInMeeting(new ClientMessage.Spotlight(participantId == 0 ? null : participantId));
    }

    /** The moderators' settings as the server last said. */
    public MeetingSettings settings() {
        return settings;
    }

    /** Who waits to be admitted, as the server last told this host or co-host (empty for others). */
    public List<WaitingPerson> waiting() {
        return waiting;
    }

    /** Raises or lowers this participant's own hand; the queue comes back as {@link MeetingListener#onHandsChanged}. */
    public void raiseHand(boolean raised) {
        sendInMeeting(new ClientMessage.RaiseHand(raised));
    }

    /** Host or co-host: lowers someone's hand (a refusal arrives as {@code onRequestFailed} NOT_MODERATOR). */
    public void lowerHand(int participantId) {
        sendInMeeting(new ClientMessage.LowerHands(participantId));
    }

    /** Host or co-host: lowers every raised hand. */
    public void lowerAllHands() {
        sendInMeeting(new ClientMessage.LowerHands(null));
    }

    /** The raised hands in queue order (participant ids), as last heard; any thread. */
    public List<Integer> raisedHands() {
        return raisedHands;
    }

    /**
     * Sends a reaction ({@code Reactions.ALLOWED}); everyone, this client included, gets {@code onReaction}. Too
     * many in a row are refused with {@code onRequestFailed} RATE_LIMITED (requestType {@code react}).
     */
    public void react(String emoji) {
        sendInMeeting(new ClientMessage.React(Objects.requireNonNull(emoji, "emoji")));
    }

    /** Host or co-host: launches a poll; everyone gets {@code onPollChanged}. Refusals: POLL_IN_PROGRESS, NOT_MODERATOR. */
    public void launchPoll(PollDraft draft) {
        Objects.requireNonNull(draft, "draft");
        sendInMeeting(new ClientMessage.PollLaunch(draft.question(), draft.choices(), draft.multiple()));
    }

    /**
     * Votes in the open poll ({@code choices} 0-based), sealed end to end for the host and co-hosts present: the
     * server only counts that this participant voted. A second vote or a closed poll is refused locally (logged) or by
     * the server (ALREADY_VOTED, POLL_CLOSED).
     */
    public void vote(int pollId, List<Integer> choices) {
        List<Integer> picked = List.copyOf(choices);
        onEvents(() -> {
            if (state instanceof SessionState.InMeeting && connection != null) {
                try {
                    polls.vote(pollId, picked, rosterChatKeys);
                } catch (IllegalArgumentException e) {
                    LOG.warn("Vote not sent: {}", e.getMessage());
                }
            }
        });
    }

    /** Host or co-host: ends the poll (no more votes). */
    public void endPoll(int pollId) {
        sendInMeeting(new ClientMessage.PollEnd(pollId));
    }

    /** Host or co-host: shows everyone the totals of an ended poll (never who chose what). */
    public void sharePollResults(int pollId, List<Integer> totals) {
        sendInMeeting(new ClientMessage.PollShare(pollId, List.copyOf(totals)));
    }

    /** The meeting's poll as last heard (open or ended), or null; any thread. */
    public Poll poll() {
        return currentPoll;
    }

    /** Publishes this participant's mute/camera/sharing/recording flags. Remembered across reconnects. */
    public void updateOwnState(OwnMediaState newState) {
        Objects.requireNonNull(newState, "newState");
        onEvents(() -> {
            ownState = newState;
            sendNow(toMessage(newState));
        });
    }

    /**
     * Starts sharing this participant's screen (call only from an explicit user action); frames follow on
     * {@link StreamKind#SCREEN}. A refusal arrives as {@link MeetingListener#onRequestFailed} SHARE_IN_PROGRESS.
     */
    public void startShare(boolean allowViewerAnnotation) {
        shareStart(new ClientMessage.ShareStart(allowViewerAnnotation));
    }

    /** Remembers the share asked for, to announce it again where the meeting moves to (see {@link #ownShare}). */
    private void shareStart(ClientMessage.ShareStart start) {
        onEvents(() -> {
            ownShare = start;
            sendNow(start);
        });
    }

    /**
     * Opens a blank whiteboard as this participant's share (call only from an explicit user action): a share
     * without SCREEN frames, drawn with annotations. Refused like {@link #startShare} while someone else shares.
     */
    public void startWhiteboard(boolean allowViewerAnnotation) {
        shareStart(new ClientMessage.ShareStart(allowViewerAnnotation, true));
    }

    /**
     * Changes some of this participant's flags atomically (e.g. {@code s -> s.withMuted(true)}), so that
     * audio and video can each change their own flag without overwriting the other's.
     */
    public void changeOwnState(java.util.function.UnaryOperator<OwnMediaState> change) {
        Objects.requireNonNull(change, "change");
        onEvents(() -> {
            ownState = Objects.requireNonNull(change.apply(ownState));
            sendNow(toMessage(ownState));
        });
    }

    public void stopShare() {
        onEvents(() -> {
            ownShare = null;
            sendNow(new ClientMessage.ShareStop());
        });
    }

    /** Sharer: let viewers annotate the share, or not. */
    public void setViewerAnnotation(boolean allowed) {
        onEvents(() -> {
            if (ownShare != null) {
                ownShare = new ClientMessage.ShareStart(allowed, ownShare.whiteboard());
            }
            sendNow(new ClientMessage.ShareOptions(allowed));
        });
    }

    /** Host: end another participant's share. */
    public void stopShareOf(int participantId) {
        sendInMeeting(new ClientMessage.StopShare(participantId));
    }

    /**
     * Announces that this participant starts recording locally (call before writing anything). The server
     * answers with {@link MeetingListener#onRecordingChanged} for everyone, or refuses with
     * {@link MeetingListener#onRequestFailed} RECORDING_NOT_ALLOWED (requestType {@code recording_start}).
     */
    public void startRecording() {
        sendInMeeting(new ClientMessage.RecordingStart());
    }

    /** Announces that this participant stopped recording. */
    public void stopRecording() {
        sendInMeeting(new ClientMessage.RecordingStop());
    }

    /** Host: who may record; the server stops recorders that are no longer allowed. */
    public void setRecordingPolicy(RecordingRule policy) {
        Objects.requireNonNull(policy, "policy");
        sendInMeeting(new ClientMessage.SetRecordingPolicy(ProtocolMapping.toWire(policy)));
    }

    /** Host: allow several participants to share at once. */
    public void setMultipleSharersAllowed(boolean allowed) {
        sendInMeeting(new ClientMessage.AllowMultipleSharers(allowed));
    }

    /**
     * Draws on (or undoes/clears on, or turns the page of) the share of {@code sharerId}, end-to-end encrypted for
     * everyone present (docs/security.md section 13). Nothing is sent while nobody else could open it.
     */
    public void annotate(int sharerId, ShareAnnotation annotation) {
        Objects.requireNonNull(annotation, "annotation");
        onEvents(() -> {
            if (state instanceof SessionState.InMeeting) {
                ClientMessage message = annotations.operation(sharerId, annotation, recipientKeys(List.of()));
                if (message != null) {
                    sendNow(message);
                }
            }
        });
    }

    /**
     * Sharer: hands everything drawn on this participant's share to {@code newcomer}, sealed for it alone (at most
     * {@link SealedAnnotations#MAX_STATE_JSON_BYTES}; the oldest shapes beyond are left out).
     */
    public void sendAnnotationState(int newcomer, AnnotationSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        onEvents(() -> {
            if (state instanceof SessionState.InMeeting && newcomer != roster.selfId()) {
                ClientMessage message = annotations.state(snapshot, newcomer, recipientKeys(List.of(newcomer)));
                if (message != null) {
                    sendNow(message);
                }
            }
        });
    }

    /**
     * Sends a chat message to everyone present, end-to-end encrypted for each of them. The outcome arrives as
     * {@link MeetingListener#onChatSent} or {@link MeetingListener#onChatFailed} (empty, too long, rate limited...).
     */
    public void sendChat(String text) {
        Objects.requireNonNull(text, "text");
        onEvents(() -> encryptAndSend(List.of(), text));
    }

    /** Sends a private chat message to the given participants only; see {@link #sendChat}. */
    public void sendChatTo(List<Integer> participantIds, String text) {
        Objects.requireNonNull(text, "text");
        List<Integer> ids = participantIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("A private message needs at least one recipient");
        }
        onEvents(() -> encryptAndSend(ids, text));
    }

    /**
     * Sends a file to everyone present ({@code to} empty) or to the listed participants, end-to-end encrypted
     * (docs/security.md section 10). Files go one at a time; progress and the outcome arrive as
     * {@link MeetingListener#onFileSendProgress} and {@link MeetingListener#onFileFailed}.
     */
    public void sendFile(Path file, List<Integer> to) {
        Objects.requireNonNull(file, "file");
        List<Integer> ids = List.copyOf(to).stream().distinct().toList();
        onEvents(() -> files.send(file, ids));
    }

    /** Stops sending file {@code transferId} (or takes it out of the queue). */
    public void cancelFile(int transferId) {
        onEvents(() -> files.cancel(transferId));
    }

    /**
     * The administrator's file limit in bytes (policy; 0 switches files off both ways), on top of the server's.
     * Any thread; takes effect for the next file.
     */
    public void fileLimit(long bytes) {
        onEvents(() -> {
            files.localLimit(bytes);
            fileLimitSeen = files.limit();
        });
    }

    /** The largest file that can be sent now in sealed bytes (0: files off, or not connected yet). Any thread. */
    public long fileLimitNow() {
        return fileLimitSeen;
    }

    /** Asks a participant for a keyframe, e.g. after decoding errors. */
    public void requestKeyframe(int participantId, StreamKind stream) {
        sendInMeeting(new ClientMessage.RequestKeyframe(participantId, stream));
    }

    /**
     * Reports what this client's downlink carries ({@code receive_estimate}); null: no limit found. Any thread.
     */
    public void reportReceiveEstimate(Integer kbps) {
        reportReceiveEstimate(kbps, 0);
    }

    /**
     * As {@link #reportReceiveEstimate(Integer)}, with a queue in the downlink ({@code queueMillis} &gt; 0: the
     * queueing behind a decrease, or a queue seen starting before its rate is known, the estimate unchanged): the
     * server holds video back for this client until the link's queue has drained.
     */
    public void reportReceiveEstimate(Integer kbps, int queueMillis) {
        sendInMeeting(new ClientMessage.ReceiveEstimate(kbps, queueMillis > 0 ? queueMillis : null));
    }

    /** Asks the server for {@code kbps} of PADDING for {@code millis} ms, to probe the downlink. Any thread. */
    public void requestProbe(int kbps, int millis) {
        sendInMeeting(new ClientMessage.ProbeRequest(kbps, millis));
    }

    /**
     * The remote cameras this client shows and their tile sizes: the server forwards only those cameras from now on
     * (sound and shared screens as before). Until the first call, every camera. Sent only in the meeting, at most one
     * message per 250 ms (the latest state) and again after a resume. Any thread, never blocks.
     */
    public void showCameras(List<ShownCamera> cameras) {
        List<ShownCamera> copy = List.copyOf(cameras);
        onEvents(() -> views.show(copy));
    }

    /** How the uplink drains now, or null while not connected. Any thread, never blocks. */
    public SignalingConnection.Uplink uplink() {
        SignalingConnection current = connection;
        return current == null ? null : current.uplink();
    }

    /**
     * Sends a media frame from any thread without blocking, its payload end-to-end encrypted under this
     * participant's current media key (never in the clear). Returns false when it was dropped (not in the meeting,
     * reconnecting, or the uplink is congested).
     */
    public boolean sendMedia(MediaFrameHeader header, ByteBuffer payload) {
        SignalingConnection current = connection;
        if (!(state instanceof SessionState.InMeeting) || current == null) {
            return false;
        }
        // The receiver gets the header with this id stamped in by the server; it is authenticated as such.
        MediaFrameHeader wire = header.withSender(roster.selfId());
        ByteBuffer sealed = mediaEncryption.protect(wire, payload);
        return sealed != null && current.sendMedia(wire, sealed);
    }

    /** What end-to-end media decryption did so far (frames opened, rejected, without a key). Any thread. */
    public MediaEncryption.Figures mediaEncryption() {
        return mediaEncryption.figures();
    }

    /** This session's frame encryption, for tests that play a server handing it frames (docs/security.md section 9). */
    MediaEncryption encryption() {
        return mediaEncryption;
    }

    /** Leaves if still in the meeting and stops the event thread. */
    @Override
    public void close() {
        leave();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- event thread -----------------------------------------------------------------------------------

    private void start(ClientMessage request) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("A MeetingSession joins once; create a new one");
        }
        onEvents(() -> {
            route = new ServerRoute(options.server());
            openingRequest = request;
            setState(new SessionState.Connecting());
            SignalingConnection opened = openConnection();
            if (opened != null) {
                sendOpening(opened);
            }
        });
    }

    /** Sends the opening request (create, join, start) and gives the server the connect timeout to answer it. */
    private void sendOpening(SignalingConnection opened) {
        opened.send(openingRequest);
        events.schedule(() -> {
            if (state instanceof SessionState.Connecting && connection == opened) {
                connection = null;
                opened.close();
                end(EndReason.JOIN_FAILED, MeetingFailure.of(MeetingFailure.Kind.TIMED_OUT,
                        "No answer to the join request"));
            }
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a connection; on failure ends the session (while connecting) and returns null. */
    private SignalingConnection openConnection() {
        try {
            SignalingConnection opened = openRaw();
            if (state instanceof SessionState.Ended) {
                opened.close(); // the user left while we were connecting
                return null;
            }
            connection = opened;
            return opened;
        } catch (SignalingException e) {
            end(EndReason.JOIN_FAILED, failureOf(e));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private SignalingConnection openRaw() throws SignalingException, InterruptedException {
        return openRaw(options.connectTimeout());
    }

    private SignalingConnection openRaw(Duration timeout) throws SignalingException, InterruptedException {
        // Each connection gets its own listener so that late events from an old connection are ignored.
        // open() runs on the event thread, so these tasks run after holder[0] and connection are set.
        var holder = new SignalingConnection[1];
        SignalingListener connectionListener = new SignalingListener() {
            @Override
            public void onMessage(ServerMessage message) {
                onEvents(() -> {
                    if (holder[0] != null && holder[0] == connection) {
                        handle(message);
                    }
                });
            }

            @Override
            public void onMedia(MediaFrame frame) {
                if (frame.header().stream() == StreamKind.PADDING) {
                    listener.onMedia(frame); // the server's probe bytes, not anyone's media
                } else if (frame.header().stream() == StreamKind.FILE) {
                    fileChunk(frame, holder[0]);
                } else {
                    mediaEncryption.unprotect(frame, listener::onMedia);
                }
            }

            @Override
            public void onClosed(int code, String reason, boolean byServer) {
                onEvents(() -> {
                    if (holder[0] != null && holder[0] == connection) {
                        connectionLost(code, reason);
                    }
                });
            }
        };
        SignalingConnection opened = SignalingConnection.open(route.current(), options.trust(), connectionListener,
                timeout);
        holder[0] = opened;
        return opened;
    }

    /** A FILE frame: its bytes copied off the library's buffer, then handled in order with the messages. */
    private void fileChunk(MediaFrame frame, SignalingConnection from) {
        FileChunkFrame chunk;
        try {
            chunk = FileChunkFrame.of(frame);
        } catch (IllegalArgumentException e) {
            LOG.debug("Ignoring a malformed file chunk: {}", e.getMessage());
            return;
        }
        byte[] sealed = new byte[chunk.sealed().remaining()];
        chunk.sealed().duplicate().get(sealed);
        onEvents(() -> {
            if (from != null && from == connection) {
                files.chunk(chunk, sealed);
            }
        });
    }

    private void handle(ServerMessage message) {
        switch (message) {
            case ServerMessage.Joined joined -> joined(joined);
            case ServerMessage.ParticipantJoined joined -> {
                Attendee attendee = attendeeOf(joined.participant());
                updateRoster(r -> r.withJoined(attendee));
                mediaKeys.membershipChanged(); // a newcomer must not open what was sent before
                listener.onParticipantJoined(attendee);
            }
            case ServerMessage.ParticipantUpdated updated -> {
                boolean wasAway = roster.find(updated.participant().id()).map(a -> !a.connected()).orElse(false);
                Attendee attendee = attendeeOf(updated.participant());
                updateRoster(r -> r.withUpdated(attendee));
                if (wasAway && attendee.connected()) {
                    mediaKeys.membershipChanged(); // back after a lost connection: keys sent meanwhile never reached it
                    listener.onParticipantReconnected(attendee);
                }
            }
            case ServerMessage.ParticipantLeft left -> participantLeft(left);
            case ServerMessage.MeetingUpdated updated -> {
                updateRoster(r -> r.withMeetingState(updated.locked(), updated.hostId()));
                topicIs(updated.topic());
                settingsAre(ProtocolMapping.settings(updated.waitingRoom(), updated.muteOnEntry(), updated.spotlightId()));
            }
            case ServerMessage.Waiting wait -> waiting(wait);
            case ServerMessage.WaitingRoom room -> {
                waiting = ProtocolMapping.waiting(room);
                listener.onWaitingRoomChanged(waiting);
            }
            case ServerMessage.UnmuteRequested request ->
                    listener.onUnmuteRequested(roster.find(request.byParticipantId()).orElse(null));
            case ServerMessage.MuteRequested request -> listener.onMuteRequested(roster.find(request.byParticipantId())
                    .orElse(null));
            case ServerMessage.MeetingLeft left -> serverEnded(endReasonOf(left.reason()));
            case ServerMessage.ChatMessage chat -> chat(chat);
            case ServerMessage.MediaKeyMessage key -> {
                boolean firstFromSender = !mediaEncryption.hasKeyFrom(key.from());
                if (mediaKeys.received(key.from(), rosterChatKeys.get(key.from()), key.key()) && firstFromSender) {
                    updateRoster(r -> r); // that participant's media is now end-to-end encrypted with us
                }
            }
            case ServerMessage.KeyframeRequested request -> listener.onKeyframeRequested(request.stream(), request.requestedBy());
            case ServerMessage.RateHint hint -> listener.onRateHint(hint);
            case ServerMessage.SendTarget target -> listener.onSendTarget(target);
            case ServerMessage.CamerasPaused paused -> listener.onCamerasPaused(java.util.Set.copyOf(paused.participantIds()));
            case ServerMessage.ErrorMessage error -> error(error);
            case ServerMessage.ServerShutdown ignored -> serverEnded(EndReason.SERVER_SHUTDOWN);
            case ServerMessage.Pong ignored -> {
            }
            case ServerMessage.Welcome ignored -> {
            }
            case ServerMessage.ShareUpdated update -> listener.onShareUpdated(ProtocolMapping.shareUpdate(update));
            case ServerMessage.SharePolicy policy -> listener.onSharePolicy(policy.allowMultipleSharers());
            case ServerMessage.AnnotationMessage annotation ->
                    listener.onAnnotation(ProtocolMapping.annotationReceived(annotation));
            case ServerMessage.SealedAnnotation sealed -> annotations.open(sealed).ifPresent(opened -> {
                switch (opened) {
                    case SealedAnnotations.OpenedOperation op -> listener.onAnnotation(op.received());
                    case SealedAnnotations.OpenedState st -> listener.onAnnotationState(st.snapshot());
                }
            });
            case ServerMessage.RecordingChanged change ->
                    listener.onRecordingChanged(ProtocolMapping.recordingChange(change));
            case ServerMessage.FileOffered offer -> files.offered(offer);
            case ServerMessage.FileAck ack -> files.acknowledged(ack);
            case ServerMessage.FileCancelled cancelled -> files.cancelled(cancelled);
            case ServerMessage.RecordingPolicyChanged policy -> {
                recordingPolicy = ProtocolMapping.recordingRule(policy.policy());
                listener.onRecordingPolicy(recordingPolicy);
            }
            case ServerMessage.Hands hands -> handsAre(hands.raised());
            case ServerMessage.PollLaunched m -> polls.handle(m);
            case ServerMessage.PollBallot m -> polls.handle(m);
            case ServerMessage.PollProgress m -> polls.handle(m);
            case ServerMessage.PollEnded m -> polls.handle(m);
            case ServerMessage.PollResults m -> polls.handle(m);
            case ServerMessage.Reaction reaction -> listener.onReaction(reaction.from(), reaction.emoji());
            // Answers to scheduling requests, which a meeting session never sends (meeting.schedule does).
            case ServerMessage.MeetingScheduled ignored -> {
            }
            case ServerMessage.ScheduledCancelled ignored -> {
            }
            case ServerMessage.Redirect redirect -> redirected(redirect);
            case ServerMessage.ClusterNodes nodes -> route.otherNodes(nodes.nodes());
        }
    }

    private void joined(ServerMessage.Joined joined) {
        Instant lostAt = connectionLostAt;
        resumeToken = joined.resumeToken();
        route.settled();
        SignalingConnection current = connection;
        ServerMessage.Limits limits = current == null ? null : current.welcome().limits();
        files.serverLimit(limits == null ? null : limits.maxFileBytes());
        fileLimitSeen = files.limit();
        chatCrypto = new ChatCrypto(joined.meetingId(), joined.selfId(), chatKeys);
        rosterChatKeys.clear();
        joined.roster().forEach(p -> rosterChatKeys.put(p.id(), p.chatKey()));
        boolean wasSharing = roster != null && roster.self().map(Attendee::sharing).orElse(false);
        Roster next = ProtocolMapping.roster(joined, roster);
        roster = next.withCodes(securityCode(next), mediaPrivacy(next));
        settings = ProtocolMapping.settings(joined.waitingRoom(), joined.muteOnEntry(), joined.spotlightId());
        if (!joined.resumed() && settings.muteOnEntry() && joined.hostId() != joined.selfId()) {
            ownState = ownState.withMuted(true); // the server counts this joiner muted; so must its microphone
        }
        setState(new SessionState.InMeeting(joined.meetingId()));
        // A new media key for everyone present (also after a resume: people may have come and gone meanwhile).
        // Until it is in use no frame leaves: there is nothing to send in the clear.
        mediaKeys.joined(joined.meetingId(), joined.selfId(), () -> presentChatKeys(roster));
        listener.onRosterChanged(roster);
        topicIs(joined.topic());
        listener.onSettingsChanged(settings);
        if (!joined.resumed()) {
            handsAre(List.of()); // the server sends the queue right after unless it is empty (and always on a resume)
        }
        if (!waiting.isEmpty()) {
            // Who waits may have changed while away (or the meeting moved, and those waiting are still coming
            // back): a moderator gets the list right after `joined` whenever anyone waits.
            waiting = List.of();
            listener.onWaitingRoomChanged(waiting);
        }
        if (!joined.resumed() && !ownState.equals(OwnMediaState.INITIAL)) {
            sendNow(toMessage(ownState));
        }
        if (joined.resumed() && lostAt != null) {
            sendChatAfterResume(lostAt);
        }
        if (joined.resumed() && wasSharing && ownShare != null
                && !roster.self().map(Attendee::sharing).orElse(false)) {
            sendNow(ownShare); // the meeting moved to a node that has not seen this share: it goes on there
        }
        views.joined();
    }

    /** Tells the listener when a setting changed (every {@code meeting_updated} repeats them). */
    private void settingsAre(MeetingSettings now) {
        if (!settings.equals(now)) {
            settings = now;
            listener.onSettingsChanged(now);
        }
    }

    /** Votes are sealed and opened like chat (the chat's keys and envelopes); see docs/security.md section 11. */
    private final class PollSeal implements PollBook.Seal {
        @Override
        public String seal(String text, Map<Integer, String> recipients) {
            if (chatCrypto == null) {
                return null;
            }
            try {
                return ChatWire.encode(chatCrypto.encrypt(text, recipients, true));
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("A vote could not be sealed: {}", e.toString());
                return null;
            }
        }

        @Override
        public java.util.Optional<String> open(int from, String payload) {
            String senderKey = rosterChatKeys.get(from);
            if (chatCrypto == null || senderKey == null) {
                return java.util.Optional.empty();
            }
            try {
                ChatEnvelope envelope = ChatWire.decode(payload);
                String text = chatCrypto.decrypt(from, senderKey, envelope);
                return replayGuard.firstTime(from, envelope.messageId()) ? java.util.Optional.of(text)
                        : java.util.Optional.empty();
            } catch (ChatDecryptException e) {
                return java.util.Optional.empty();
            }
        }
    }

    private void handsAre(List<Integer> now) {
        if (!raisedHands.equals(now)) {
            raisedHands = List.copyOf(now);
            listener.onHandsChanged(raisedHands);
        }
    }

    /** Tells the listener when the topic changed (every {@code meeting_updated} repeats it). */
    private void topicIs(String now) {
        if (!java.util.Objects.equals(topic, now)) {
            topic = now;
            listener.onTopicChanged(now);
        }
    }

    /** Notes the participant's chat key and gives the rest to the layers above. */
    private Attendee attendeeOf(Participant participant) {
        rosterChatKeys.put(participant.id(), participant.chatKey());
        return ProtocolMapping.attendee(participant);
    }

    private void participantLeft(ServerMessage.ParticipantLeft left) {
        Attendee who = roster.find(left.participantId()).orElse(null);
        if (who == null) {
            return;
        }
        var departed = new Roster.Departed(who, ProtocolMapping.departureReason(left.reason()), left.leftAt());
        rosterChatKeys.remove(who.id());
        mediaEncryption.forget(who.id());
        files.participantLeft(who.id());
        updateRoster(r -> r.withLeft(departed));
        mediaKeys.membershipChanged(); // whoever left must not open what comes next
        listener.onParticipantLeft(departed);
    }

    /** On the event thread: validate, encrypt for the recipients' roster keys, send, and echo it to the listener. */
    private void encryptAndSend(List<Integer> privateTo, String text) {
        if (state instanceof SessionState.Reconnecting && chatCrypto != null && !text.isBlank()) {
            chatWhileReconnecting.add(new PendingChat(privateTo, text)); // sent once the seat is back
            return;
        }
        ChatFailure problem = chatProblem(privateTo, text);
        if (problem != null) {
            listener.onChatFailed(problem);
            return;
        }
        boolean direct = !privateTo.isEmpty();
        Map<Integer, String> keys = recipientKeys(privateTo);
        ChatEnvelope envelope;
        try {
            envelope = chatCrypto.encrypt(text, keys, direct);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A roster key that is not a usable X25519 key (only a misbehaving server sends one).
            listener.onChatFailed(new ChatFailure(ChatFailure.Kind.ENCRYPTION_FAILED, null, e.toString()));
            return;
        }
        if (!keys.isEmpty()) {
            var message = new ClientMessage.Chat(privateTo, ChatWire.ENC, ChatWire.encode(envelope));
            connection.send(message);
            rememberSent(message);
        }
        String ownName = roster.self().map(Attendee::displayName).orElse(options.displayName());
        listener.onChatSent(new ChatMessage(roster.selfId(), ownName, text, direct, Instant.now(), envelope.recipients()));
    }

    /** The chat keys of everyone else present ({@code privateTo} empty) or of those listed, by participant id. */
    private Map<Integer, String> recipientKeys(List<Integer> privateTo) {
        Map<Integer, String> keys = new LinkedHashMap<>();
        for (Attendee p : roster.participants()) {
            String key = rosterChatKeys.get(p.id());
            if (p.id() != roster.selfId() && key != null && (privateTo.isEmpty() || privateTo.contains(p.id()))) {
                keys.put(p.id(), key);
            }
        }
        return keys;
    }

    private void rememberSent(ClientMessage.Chat message) {
        Instant now = Instant.now();
        recentChat.addLast(new SentChat(now, message));
        while (!recentChat.isEmpty() && recentChat.peekFirst().at().isBefore(now.minus(CHAT_RESEND_WINDOW))) {
            recentChat.pollFirst();
        }
    }

    /** After a resume: chat that may have been lost with the old connection, then chat typed meanwhile. */
    private void sendChatAfterResume(Instant lostAt) {
        for (SentChat sent : recentChat) {
            if (!sent.at().isBefore(lostAt.minus(CHAT_RESEND_WINDOW))) {
                connection.send(sent.message());
            }
        }
        List<PendingChat> typed = List.copyOf(chatWhileReconnecting);
        chatWhileReconnecting.clear();
        typed.forEach(chat -> encryptAndSend(chat.privateTo(), chat.text()));
    }

    private ChatFailure chatProblem(List<Integer> privateTo, String text) {
        if (text.isBlank()) {
            return new ChatFailure(ChatFailure.Kind.EMPTY, null, "blank");
        }
        if (ChatMessage.length(text) > ChatMessage.MAX_CHARACTERS) {
            return new ChatFailure(ChatFailure.Kind.TOO_LONG, null, ChatMessage.length(text) + " characters");
        }
        if (!(state instanceof SessionState.InMeeting) || connection == null || chatCrypto == null) {
            return new ChatFailure(ChatFailure.Kind.NOT_IN_MEETING, null, state.toString());
        }
        for (int id : privateTo) {
            Attendee recipient = roster.find(id).orElse(null);
            if (recipient == null) {
                return new ChatFailure(ChatFailure.Kind.RECIPIENT_LEFT, departedName(id), "participant " + id);
            }
            if (rosterChatKeys.get(id) == null) {
                return new ChatFailure(ChatFailure.Kind.RECIPIENT_CANNOT_DECRYPT, recipient.displayName(),
                        "participant " + id + " has no chat key");
            }
        }
        return null;
    }

    private String departedName(int id) {
        return roster.departed().stream().map(Roster.Departed::participant).filter(p -> p.id() == id)
                .map(Attendee::displayName).findFirst().orElse("#" + id);
    }

    private void chat(ServerMessage.ChatMessage chat) {
        Attendee sender = roster.find(chat.from()).orElse(null);
        String senderKey = sender == null ? null : rosterChatKeys.get(sender.id());
        String name = sender != null ? roster.label(sender) : departedName(chat.from());
        try {
            if (!ChatWire.ENC.equals(chat.enc())) {
                throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "Unsupported enc " + chat.enc());
            }
            if (senderKey == null || chatCrypto == null) {
                throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "No key for sender " + chat.from());
            }
            ChatEnvelope envelope = ChatWire.decode(chat.payload());
            String text = chatCrypto.decrypt(chat.from(), senderKey, envelope);
            if (!replayGuard.firstTime(chat.from(), envelope.messageId())) {
                LOG.warn("Dropping a repeated chat message from participant {}", chat.from());
                return;
            }
            listener.onChat(new ChatMessage(chat.from(), name, text, envelope.direct(), chat.sentAt(),
                    envelope.recipients()));
        } catch (ChatDecryptException e) {
            if (e.kind() == ChatDecryptException.Kind.NOT_FOR_US) {
                // Sent before this client joined (or the sender's roster was behind): late joiners see no history.
                LOG.debug("Skipping a chat message not encrypted for us from participant {}", chat.from());
            } else {
                LOG.warn("A chat message from participant {} could not be decrypted: {}", chat.from(), e.getMessage());
                listener.onChatFailed(new ChatFailure(ChatFailure.Kind.UNDECRYPTABLE, name, e.getMessage()));
            }
        }
    }

    private void chatRefused(ServerMessage.ErrorMessage error) {
        ChatFailure.Kind kind = switch (error.code()) {
            case RATE_LIMITED -> ChatFailure.Kind.RATE_LIMITED;
            case UNKNOWN_PARTICIPANT -> ChatFailure.Kind.RECIPIENT_LEFT;
            case NOT_IN_MEETING -> ChatFailure.Kind.NOT_IN_MEETING;
            default -> ChatFailure.Kind.REJECTED;
        };
        listener.onChatFailed(new ChatFailure(kind, null, error.code() + ": " + error.message()));
    }

    private void error(ServerMessage.ErrorMessage error) {
        if (state instanceof SessionState.Connecting) {
            closeConnection();
            end(EndReason.JOIN_FAILED, MeetingFailure.refused(ProtocolMapping.refusal(error.code()), error.message(),
                    error.retryAfterSeconds()));
        } else if (state instanceof SessionState.Waiting && rewaitAttempt > 0 && "join".equals(error.requestType())) {
            closeConnection(); // the place could not be taken back, nor a new one taken
            end(EndReason.JOIN_FAILED, MeetingFailure.refused(ProtocolMapping.refusal(error.code()), error.message(),
                    error.retryAfterSeconds()));
        } else if (state instanceof SessionState.Reconnecting && error.code() == ErrorCode.RESUME_REJECTED) {
            closeConnection();
            end(EndReason.CONNECTION_LOST, MeetingFailure.of(MeetingFailure.Kind.SESSION_EXPIRED, error.message()));
        } else if ("chat".equals(error.requestType())) {
            chatRefused(error);
        } else if (FileTransfers.answersFiles(error)) {
            files.refused(error);
        } else {
            listener.onRequestFailed(ProtocolMapping.refusal(error.code()), error.message(), error.requestType());
        }
    }

    private void serverEnded(EndReason reason) {
        closeConnection();
        end(reason, null);
    }

    private void connectionLost(int code, String reason) {
        connection = null;
        files.connectionLost();
        if (state instanceof SessionState.Waiting && waitToken != null) {
            // A cluster keeps the place while the meeting moves to another node (docs/protocol.md section 6.12).
            if (rewaitAttempt == 0) {
                LOG.info("Connection lost while waiting ({} {}); taking the place back", code, reason);
                rewaitGiveUpAt = Instant.now().plus(options.reconnectTimeout());
                setState(new SessionState.Waiting(((SessionState.Waiting) state).meetingId(), true));
            }
            scheduleRewait(rewaitAttempt + 1);
            return;
        }
        if (state instanceof SessionState.Waiting) {
            // A waiting client holds no resume token: its place in the queue is gone (docs/protocol.md section 6.8).
            end(EndReason.CONNECTION_LOST, MeetingFailure.of(MeetingFailure.Kind.CONNECTION_LOST,
                    "Connection closed while waiting to be admitted: " + code + " " + reason));
            return;
        }
        if (state instanceof SessionState.Connecting) {
            end(EndReason.JOIN_FAILED, MeetingFailure.of(MeetingFailure.Kind.SERVER_UNREACHABLE,
                    "Connection closed while joining: " + code + " " + reason));
            return;
        }
        if (state instanceof SessionState.Reconnecting reconnecting) {
            scheduleReconnect(reconnecting.attempt() + 1, reconnecting.giveUpAt());
            return;
        }
        if (state instanceof SessionState.InMeeting) {
            connectionLostAt = Instant.now();
            LOG.info("Connection lost ({} {}); reconnecting", code, reason);
            scheduleReconnect(1, Instant.now().plus(options.reconnectTimeout()));
        }
    }

    /** The server says this client waits (again, after taking its place back at another node). */
    private void waiting(ServerMessage.Waiting wait) {
        waitToken = wait.waitToken();
        rewaitAttempt = 0;
        route.settled(); // this node has the meeting: where to come back first
        setState(new SessionState.Waiting(wait.meetingId())); // again after taking the place back: still waiting
    }

    private void scheduleRewait(int attempt) {
        Duration delay = backoff(attempt);
        if (Instant.now().plus(delay).isAfter(rewaitGiveUpAt)) {
            end(EndReason.CONNECTION_LOST, MeetingFailure.of(MeetingFailure.Kind.CONNECTION_LOST,
                    "Could not get back to the waiting room within " + options.reconnectTimeout().toSeconds() + " s"));
            return;
        }
        rewaitAttempt = attempt;
        events.schedule(() -> {
            if (state instanceof SessionState.Waiting && rewaitAttempt == attempt) {
                route.newAttempt();
                sendRewait(attempt);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The same join again, with the wait token, to the route's current server; a failure moves on to the next. */
    private void sendRewait(int attempt) {
        try {
            SignalingConnection opened = openRaw(RECONNECT_ATTEMPT_TIMEOUT);
            connection = opened;
            opened.send(((ClientMessage.Join) openingRequest).withWaitToken(waitToken));
        } catch (SignalingException e) {
            if (e.kind() == SignalingException.Kind.CERTIFICATE_CHANGED
                    || e.kind() == SignalingException.Kind.CERTIFICATE_UNTRUSTED) {
                end(EndReason.CONNECTION_LOST, failureOf(e));
            } else {
                LOG.info("Attempt {} to get back to the waiting room at {} failed: {}", attempt, route.current(),
                        e.getMessage());
                route.failover();
                scheduleRewait(attempt + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleReconnect(int attempt, Instant giveUpAt) {
        Duration delay = backoff(attempt);
        if (Instant.now().plus(delay).isAfter(giveUpAt)) {
            end(EndReason.CONNECTION_LOST, MeetingFailure.of(MeetingFailure.Kind.CONNECTION_LOST,
                    "Could not reconnect within " + options.reconnectTimeout().toSeconds() + " s"));
            return;
        }
        setState(new SessionState.Reconnecting(attempt, giveUpAt, route.moving()));
        events.schedule(() -> reconnect(attempt, giveUpAt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect(int attempt, Instant giveUpAt) {
        if (!(state instanceof SessionState.Reconnecting current) || current.attempt() != attempt) {
            return;
        }
        route.newAttempt();
        sendResume(attempt, giveUpAt);
    }

    /** Opens a connection to the route's current server and resumes there; a failure moves on to the next attempt. */
    private void sendResume(int attempt, Instant giveUpAt) {
        try {
            Duration timeout = options.connectTimeout().compareTo(RECONNECT_ATTEMPT_TIMEOUT) < 0
                    ? options.connectTimeout() : RECONNECT_ATTEMPT_TIMEOUT;
            SignalingConnection opened = openRaw(timeout);
            connection = opened;
            opened.send(new ClientMessage.Resume(resumeToken));
        } catch (SignalingException e) {
            if (e.kind() == SignalingException.Kind.CERTIFICATE_CHANGED
                    || e.kind() == SignalingException.Kind.CERTIFICATE_UNTRUSTED) {
                end(EndReason.CONNECTION_LOST, failureOf(e));
            } else {
                LOG.info("Reconnect attempt {} to {} failed: {}", attempt, route.current(), e.getMessage());
                route.failover(); // a cluster's node may be gone for good: the next try goes to another one
                scheduleReconnect(attempt + 1, giveUpAt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The cluster serves the meeting on another node (docs/protocol.md section 6.12): the same request goes there,
     * over a new connection trusted exactly like this one.
     */
    private void redirected(ServerMessage.Redirect redirect) {
        boolean rewaiting = state instanceof SessionState.Waiting && rewaitAttempt > 0;
        if (!(state instanceof SessionState.Connecting) && !(state instanceof SessionState.Reconnecting) && !rewaiting) {
            LOG.debug("Ignoring a redirect outside joining and resuming");
            return; // a server sends it only in answer to create, join or resume
        }
        closeConnection();
        boolean followed = route.redirect(redirect.url());
        if (rewaiting) {
            if (followed) {
                sendRewait(rewaitAttempt);
            } else {
                scheduleRewait(rewaitAttempt + 1);
            }
            return;
        }
        if (state instanceof SessionState.Connecting) {
            if (!followed) {
                end(EndReason.JOIN_FAILED, MeetingFailure.of(MeetingFailure.Kind.SERVER_UNREACHABLE,
                        "The server sent the request on to an unusable or looping address: " + redirect.url()));
                return;
            }
            SignalingConnection opened = openConnection();
            if (opened != null) {
                sendOpening(opened);
            }
        } else if (state instanceof SessionState.Reconnecting reconnecting) {
            if (!followed) {
                scheduleReconnect(reconnecting.attempt() + 1, reconnecting.giveUpAt());
                return;
            }
            setState(new SessionState.Reconnecting(reconnecting.attempt(), reconnecting.giveUpAt(), route.moving()));
            sendResume(reconnecting.attempt(), reconnecting.giveUpAt());
        }
    }

    private static Duration backoff(int attempt) {
        long base = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(capped - capped / 10 + jitter);
    }

    private void end(EndReason reason, MeetingFailure failure) {
        if (!(state instanceof SessionState.Ended)) {
            files.close();
            setState(new SessionState.Ended(reason, failure));
            // Typed while reconnecting, never sent: say so rather than let it vanish.
            chatWhileReconnecting.forEach(chat -> listener.onChatFailed(
                    new ChatFailure(ChatFailure.Kind.NOT_IN_MEETING, null, "the meeting ended before it was sent")));
            chatWhileReconnecting.clear();
        }
    }

    private void setState(SessionState next) {
        state = next;
        listener.onStateChanged(next);
    }

    private void closeConnection() {
        SignalingConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    private void sendInMeeting(ClientMessage message) {
        onEvents(() -> sendNow(message));
    }

    private void sendNow(ClientMessage message) {
        if (state instanceof SessionState.InMeeting && connection != null) {
            connection.send(message);
        }
    }

    private void updateRoster(java.util.function.UnaryOperator<Roster> change) {
        Roster next = change.apply(roster);
        roster = next.withCodes(securityCode(next), mediaPrivacy(next));
        listener.onRosterChanged(roster);
    }

    /** Everyone in {@code present}'s public key (null without one), by participant id, in join order. */
    private Map<Integer, String> presentChatKeys(Roster present) {
        Map<Integer, String> keys = new LinkedHashMap<>();
        present.participants().forEach(p -> keys.put(p.id(), rosterChatKeys.get(p.id())));
        return keys;
    }

    /** The privacy code over everyone's keys, each pair's code, and who is not encrypted with us; null before joining. */
    private MediaPrivacy mediaPrivacy(Roster present) {
        String own = rosterChatKeys.get(present.selfId());
        if (present.meetingId() == null || own == null) {
            return null;
        }
        Map<Integer, String> personal = new HashMap<>();
        List<Attendee> unencrypted = new ArrayList<>();
        List<Attendee> awaiting = new ArrayList<>();
        for (Attendee p : present.participants()) {
            String key = rosterChatKeys.get(p.id());
            if (p.id() == present.selfId()) {
                continue;
            }
            if (key != null) {
                personal.put(p.id(), rosterCodes.personal(present.meetingId(), own, key));
            }
            if (key == null) {
                unencrypted.add(p);
            } else if (!mediaEncryption.hasKeyFrom(p.id())) {
                awaiting.add(p);
            }
        }
        List<String> all = presentChatKeys(present).values().stream().filter(Objects::nonNull).toList();
        return new MediaPrivacy(rosterCodes.privacy(present.meetingId(), all), personal, unencrypted, awaiting);
    }

    /** The code over the chat keys of everyone in {@code present}, or null before joining. */
    private String securityCode(Roster present) {
        return present.meetingId() == null ? null : rosterCodes.security(present.meetingId(), presentChatKeys(present));
    }

    private void onEventsLater(Runnable task, long delayNanos) {
        try {
            events.schedule(() -> onEvents(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Session closed; not scheduling a late event");
        }
    }

    private void onEvents(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Meeting session event failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Session closed; ignoring a late event");
        }
    }

    private static ClientMessage.UpdateState toMessage(OwnMediaState s) {
        return new ClientMessage.UpdateState(s.muted(), s.cameraOn(), s.sharing(), s.recording());
    }

    private static EndReason endReasonOf(LeaveReason reason) {
        return switch (reason) {
            case REMOVED -> EndReason.REMOVED;
            case ENDED_BY_HOST -> EndReason.ENDED_BY_HOST;
            case SERVER_SHUTDOWN -> EndReason.SERVER_SHUTDOWN;
            case DENIED -> EndReason.DENIED;
            case LEFT, DISCONNECTED, UNKNOWN -> EndReason.LEFT;
        };
    }

    private static MeetingFailure failureOf(SignalingException e) {
        return MeetingFailure.of(e);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
