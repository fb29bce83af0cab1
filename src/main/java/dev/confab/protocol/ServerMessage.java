package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Messages the server sends to a client, one record per {@code type}; specified in docs/protocol.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerMessage.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantJoined.class, name = "participant_joined"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantUpdated.class, name = "participant_updated"),
        @JsonSubTypes.Type(value = ServerMessage.ParticipantLeft.class, name = "participant_left"),
        @JsonSubTypes.Type(value = ServerMessage.MeetingUpdated.class, name = "meeting_updated"),
        @JsonSubTypes.Type(value = ServerMessage.MuteRequested.class, name = "mute_requested"),
        @JsonSubTypes.Type(value = ServerMessage.MeetingLeft.class, name = "meeting_left"),
        @JsonSubTypes.Type(value = ServerMessage.ChatMessage.class, name = "chat"),
        @JsonSubTypes.Type(value = ServerMessage.MediaKeyMessage.class, name = "media_key"),
        @JsonSubTypes.Type(value = ServerMessage.KeyframeRequested.class, name = "keyframe_request"),
        @JsonSubTypes.Type(value = ServerMessage.RateHint.class, name = "rate_hint"),
        @JsonSubTypes.Type(value = ServerMessage.SendTarget.class, name = "send_target"),
        @JsonSubTypes.Type(value = ServerMessage.CamerasPaused.class, name = "cameras_paused"),
        @JsonSubTypes.Type(value = ServerMessage.ErrorMessage.class, name = "error"),
        @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerMessage.ServerShutdown.class, name = "server_shutdown"),
        @JsonSubTypes.Type(value = ServerMessage.ShareUpdated.class, name = "share_updated"),
        @JsonSubTypes.Type(value = ServerMessage.SharePolicy.class, name = "share_policy"),
        @JsonSubTypes.Type(value = ServerMessage.AnnotationMessage.class, name = "annotation"),
        @JsonSubTypes.Type(value = ServerMessage.SealedAnnotation.class, name = "annotation_sealed"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingChanged.class, name = "recording_changed"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingPolicyChanged.class, name = "recording_policy"),
        @JsonSubTypes.Type(value = ServerMessage.Waiting.class, name = "waiting"),
        @JsonSubTypes.Type(value = ServerMessage.WaitingRoom.class, name = "waiting_room"),
        @JsonSubTypes.Type(value = ServerMessage.UnmuteRequested.class, name = "unmute_requested"),
        @JsonSubTypes.Type(value = ServerMessage.FileOffered.class, name = "file_offer"),
        @JsonSubTypes.Type(value = ServerMessage.FileAck.class, name = "file_ack"),
        @JsonSubTypes.Type(value = ServerMessage.FileCancelled.class, name = "file_cancelled"),
        @JsonSubTypes.Type(value = ServerMessage.Hands.class, name = "hands"),
        @JsonSubTypes.Type(value = ServerMessage.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = ServerMessage.PollLaunched.class, name = "poll_launched"),
        @JsonSubTypes.Type(value = ServerMessage.PollBallot.class, name = "poll_ballot"),
        @JsonSubTypes.Type(value = ServerMessage.PollProgress.class, name = "poll_progress"),
        @JsonSubTypes.Type(value = ServerMessage.PollEnded.class, name = "poll_ended"),
        @JsonSubTypes.Type(value = ServerMessage.PollResults.class, name = "poll_results"),
        @JsonSubTypes.Type(value = ServerMessage.MeetingScheduled.class, name = "meeting_scheduled"),
        @JsonSubTypes.Type(value = ServerMessage.ScheduledCancelled.class, name = "scheduled_cancelled"),
        @JsonSubTypes.Type(value = ServerMessage.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = ServerMessage.ClusterNodes.class, name = "cluster_nodes"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

    /**
     * Server limits announced in {@code welcome}, so clients can stay inside them. {@code maxFileBytes}: the largest
     * file ({@code file_offer} size) this server relays, 0 when files are switched off; absent from older servers.
     */
    record Limits(int maxTextFrameBytes, int maxBinaryFrameBytes, int messagesPerSecond,
                  int keepAliveSeconds, int resumeGraceSeconds, int maxParticipants, Long maxFileBytes) {
    }

    /** Answer to {@code hello}: the version both sides now speak. */
    record Welcome(@JsonProperty(required = true) int version, String server, Limits limits) implements ServerMessage {
    }

    /**
     * The connection is now in a meeting, after {@code create_meeting}, {@code join} or {@code resume}.
     * {@code roster} includes the receiver itself.
     */
    record Joined(@JsonProperty(required = true) String meetingId,
                  @JsonProperty(required = true) int selfId,
                  @JsonProperty(required = true) String resumeToken,
                  @JsonProperty(required = true) boolean resumed,
                  @JsonProperty(required = true) boolean locked,
                  @JsonProperty(required = true) boolean passcodeProtected,
                  @JsonProperty(required = true) int hostId,
                  @JsonProperty(required = true) List<Participant> roster,
                  String topic,
                  @JsonProperty(required = true) boolean waitingRoom,
                  @JsonProperty(required = true) boolean muteOnEntry,
                  Integer spotlightId) implements ServerMessage {
        public Joined {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(resumeToken, "resumeToken");
            roster = List.copyOf(Objects.requireNonNull(roster, "roster"));
        }

        /** Without the moderation settings (all off, nobody in the spotlight). */
        public Joined(String meetingId, int selfId, String resumeToken, boolean resumed, boolean locked,
                      boolean passcodeProtected, int hostId, List<Participant> roster, String topic) {
            this(meetingId, selfId, resumeToken, resumed, locked, passcodeProtected, hostId, roster, topic, false,
                    false, null);
        }
    }

    record ParticipantJoined(@JsonProperty(required = true) Participant participant) implements ServerMessage {
        public ParticipantJoined {
            Objects.requireNonNull(participant, "participant");
        }
    }

    /** Any change to a roster entry: media state, role, or connected flag. */
    record ParticipantUpdated(@JsonProperty(required = true) Participant participant) implements ServerMessage {
        public ParticipantUpdated {
            Objects.requireNonNull(participant, "participant");
        }
    }

    record ParticipantLeft(@JsonProperty(required = true) int participantId,
                           @JsonProperty(required = true) LeaveReason reason,
                           @JsonProperty(required = true) Instant leftAt) implements ServerMessage {
        public ParticipantLeft {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(leftAt, "leftAt");
        }
    }

    /**
     * Lock, host, topic, waiting room, mute on entry or spotlight changed; {@code topic} is absent when the meeting
     * has none, {@code spotlightId} when nobody is in the spotlight.
     */
    record MeetingUpdated(@JsonProperty(required = true) boolean locked,
                          @JsonProperty(required = true) int hostId,
                          String topic,
                          @JsonProperty(required = true) boolean waitingRoom,
                          @JsonProperty(required = true) boolean muteOnEntry,
                          Integer spotlightId) implements ServerMessage {
        /** Without the moderation settings (all off, nobody in the spotlight). */
        public MeetingUpdated(boolean locked, int hostId, String topic) {
            this(locked, hostId, topic, false, false, null);
        }
    }

    /** The host asks the receiver to mute its microphone. */
    record MuteRequested(@JsonProperty(required = true) int byParticipantId) implements ServerMessage {
    }

    /** The receiver is out of the meeting; the server closes the connection right after this message. */
    record MeetingLeft(@JsonProperty(required = true) LeaveReason reason) implements ServerMessage {
        public MeetingLeft {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A relayed chat message; {@code to} empty means it went to everyone. */
    record ChatMessage(@JsonProperty(required = true) int from,
                       List<Integer> to,
                       @JsonProperty(required = true) String enc,
                       @JsonProperty(required = true) String payload,
                       @JsonProperty(required = true) Instant sentAt) implements ServerMessage {
        public ChatMessage {
            to = to == null ? List.of() : List.copyOf(to);
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }

    /** A media key participant {@code from} sealed for the receiver (docs/security.md section 9.3), relayed unread. */
    record MediaKeyMessage(@JsonProperty(required = true) int from,
                           @JsonProperty(required = true) String key) implements ServerMessage {
        public MediaKeyMessage {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Please send a keyframe on {@code stream}; {@code requestedBy} 0 means the server asked (after dropping). */
    record KeyframeRequested(@JsonProperty(required = true) StreamKind stream,
                             @JsonProperty(required = true) int requestedBy) implements ServerMessage {
        public KeyframeRequested {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * Some receivers cannot keep up with the sender's {@code stream}: the server dropped frames for them.
     * {@code suggestedMaxKbps} is a bitrate the server believes they could take, or null when unknown.
     */
    record RateHint(@JsonProperty(required = true) StreamKind stream,
                    @JsonProperty(required = true) int droppedFrames,
                    @JsonProperty(required = true) int congestedReceivers,
                    Integer suggestedMaxKbps) implements ServerMessage {
        public RateHint {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * Send {@code stream} at no more than {@code maxKbps} kbit/s: what the receivers' downlinks can take
     * (docs/protocol.md section 7.3). Null lifts the target: no receiver limits the stream.
     */
    record SendTarget(@JsonProperty(required = true) StreamKind stream, Integer maxKbps) implements ServerMessage {
        public SendTarget {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * The cameras this receiver shows that its downlink cannot carry now, even at their smallest layer: the server
     * does not forward them until they fit again (docs/protocol.md section 9.1). The whole current list, ascending;
     * empty when every shown camera comes again.
     */
    record CamerasPaused(@JsonProperty(required = true) List<Integer> participantIds) implements ServerMessage {
        public CamerasPaused {
            participantIds = List.copyOf(participantIds);
        }
    }

    /**
     * The request could not be served. {@code requestType} echoes the offending message's type when known;
     * {@code supportedVersions} accompanies UNSUPPORTED_VERSION; {@code retryAfterSeconds}, when present, says
     * when a retry can succeed (TOO_MANY_ATTEMPTS, WRONG_PASSCODE, TOO_MANY_MEETINGS).
     */
    record ErrorMessage(@JsonProperty(required = true) ErrorCode code,
                        @JsonProperty(required = true) String message,
                        String requestType,
                        List<Integer> supportedVersions,
                        Integer retryAfterSeconds) implements ServerMessage {
        public ErrorMessage {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        public static ErrorMessage of(ErrorCode code, String message, String requestType) {
            return new ErrorMessage(code, message, requestType, null, null);
        }
    }

    record Pong(Long nonce) implements ServerMessage {
    }

    /** The server is stopping; the connection closes with 1001 right after this message. Do not reconnect. */
    record ServerShutdown(@JsonProperty(required = true) String message) implements ServerMessage {
        public ServerShutdown {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A screen share started, changed its options, or stopped. {@code stoppedBy} is set when the host ended
     * someone else's share (the host's id), absent otherwise.
     */
    record ShareUpdated(@JsonProperty(required = true) int participantId,
                        @JsonProperty(required = true) boolean sharing,
                        @JsonProperty(required = true) boolean allowViewerAnnotation,
                        Integer stoppedBy,
                        Boolean whiteboard) implements ServerMessage {
        /** {@code whiteboard} is sent only when true (a screen share looks as it did before whiteboards). */
        public ShareUpdated {
            whiteboard = Boolean.TRUE.equals(whiteboard) ? Boolean.TRUE : null;
        }

        /** A screen share. */
        public ShareUpdated(int participantId, boolean sharing, boolean allowViewerAnnotation, Integer stoppedBy) {
            this(participantId, sharing, allowViewerAnnotation, stoppedBy, null);
        }
    }

    /** The meeting's sharing policy, sent when the host changes it and to newcomers when not the default. */
    record SharePolicy(@JsonProperty(required = true) boolean allowMultipleSharers) implements ServerMessage {
    }

    /** A relayed annotation by {@code from} on the share of participant {@code shareId}. */
    record AnnotationMessage(@JsonProperty(required = true) int shareId,
                             @JsonProperty(required = true) int from,
                             @JsonProperty(required = true) Annotation annotation) implements ServerMessage {
        public AnnotationMessage {
            Objects.requireNonNull(annotation, "annotation");
        }
    }

    /**
     * A sealed annotation by {@code from} on the share of {@code shareId} (or, when the sharer addressed only this
     * receiver, its annotation state), relayed unread: open it like chat (docs/security.md section 13).
     */
    record SealedAnnotation(@JsonProperty(required = true) int shareId,
                            @JsonProperty(required = true) int from,
                            @JsonProperty(required = true) String enc,
                            @JsonProperty(required = true) String payload) implements ServerMessage {
        public SealedAnnotation {
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * {@code participantId} started or stopped recording the meeting locally. {@code stoppedByPolicy} is true
     * when the server stopped it because the recording policy (or a host change) no longer allows that
     * participant to record: the recorder must stop and keep what it has.
     */
    record RecordingChanged(@JsonProperty(required = true) int participantId,
                            @JsonProperty(required = true) boolean recording,
                            boolean stoppedByPolicy) implements ServerMessage {
    }

    /** The meeting's recording policy: sent to everyone when the host changes it, and to every joiner. */
    record RecordingPolicyChanged(@JsonProperty(required = true) RecordingPolicy policy) implements ServerMessage {
        public RecordingPolicyChanged {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * Answer to {@code join} while the meeting's waiting room is on: the receiver waits until a moderator admits it
     * ({@code joined} follows) or denies it ({@code meeting_left} DENIED). Nothing of the meeting reaches it meanwhile.
     * A cluster node adds {@code waitToken}, with which the waiting person takes its place back (same waiting id and
     * place in the queue) if the meeting moves to another node ({@link ClientMessage.Join#waitToken}).
     */
    record Waiting(@JsonProperty(required = true) String meetingId, String waitToken) implements ServerMessage {
        public Waiting {
            Objects.requireNonNull(meetingId, "meetingId");
        }

        /** From a server on its own: no token (a waiting place is not kept there when the connection drops). */
        public Waiting(String meetingId) {
            this(meetingId, null);
        }
    }

    /** To moderators: everyone waiting now, in arrival order (empty when nobody waits). */
    record WaitingRoom(@JsonProperty(required = true) List<WaitingPerson> waiting) implements ServerMessage {
        public WaitingRoom {
            waiting = List.copyOf(Objects.requireNonNull(waiting, "waiting"));
        }
    }

    /** One person in the waiting room; {@code waitingId} is not a participant id (they get one when admitted). */
    record WaitingPerson(@JsonProperty(required = true) int waitingId,
                         @JsonProperty(required = true) String displayName,
                         @JsonProperty(required = true) Instant since) {
        public WaitingPerson {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(since, "since");
        }
    }

    /** A moderator asks the receiver to unmute: a prompt, never a forced unmute. */
    record UnmuteRequested(@JsonProperty(required = true) int byParticipantId) implements ServerMessage {
    }

    /** A file offer relayed from {@code from} ({@code file_offer} of docs/protocol.md section 14). */
    record FileOffered(@JsonProperty(required = true) int from,
                       @JsonProperty(required = true) int transferId,
                       List<Integer> to,
                       @JsonProperty(required = true) long size,
                       @JsonProperty(required = true) int chunks,
                       @JsonProperty(required = true) String enc,
                       @JsonProperty(required = true) String payload,
                       @JsonProperty(required = true) Instant sentAt) implements ServerMessage {
        public FileOffered {
            to = to == null ? List.of() : List.copyOf(to);
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }

    /**
     * Flow control for the sender of transfer {@code transferId}: chunk {@code chunk} has been handed to every
     * recipient's connection, so one more chunk may be sent (docs/protocol.md section 14.3).
     */
    record FileAck(@JsonProperty(required = true) int transferId,
                   @JsonProperty(required = true) int chunk) implements ServerMessage {
    }

    /**
     * Transfer {@code transferId} of {@code from} ends before its last chunk: the sender cancelled it, left, or sent
     * a chunk the server refused. Whatever arrived of it must be thrown away.
     */
    record FileCancelled(@JsonProperty(required = true) int from,
                         @JsonProperty(required = true) int transferId) implements ServerMessage {
    }

    /**
     * The raised hands, in the order they went up (first raised first): the whole queue after every change, and to a
     * participant who joins or resumes while it is not empty.
     */
    record Hands(@JsonProperty(required = true) List<Integer> raised) implements ServerMessage {
        public Hands {
            raised = List.copyOf(Objects.requireNonNull(raised, "raised"));
        }
    }

    /** Participant {@code from} reacted with {@code emoji} (one of {@link Reactions#ALLOWED}); sent to everyone. */
    record Reaction(@JsonProperty(required = true) int from, @JsonProperty(required = true) String emoji)
            implements ServerMessage {
        public Reaction {
            Objects.requireNonNull(emoji, "emoji");
        }
    }

    /** A moderator launched poll {@code pollId}; also sent to a participant who joins or resumes while it is open. */
    record PollLaunched(@JsonProperty(required = true) int pollId,
                        @JsonProperty(required = true) String question,
                        @JsonProperty(required = true) List<String> choices,
                        @JsonProperty(required = true) boolean multiple,
                        @JsonProperty(required = true) int launchedBy) implements ServerMessage {
        public PollLaunched {
            Objects.requireNonNull(question, "question");
            choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        }
    }

    /** To moderators only: participant {@code from}'s vote, sealed for them and relayed unread. */
    record PollBallot(@JsonProperty(required = true) int pollId,
                      @JsonProperty(required = true) int from,
                      @JsonProperty(required = true) String enc,
                      @JsonProperty(required = true) String payload) implements ServerMessage {
        public PollBallot {
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** How many have voted in poll {@code pollId} so far (never what); sent to everyone after each vote. */
    record PollProgress(@JsonProperty(required = true) int pollId,
                        @JsonProperty(required = true) int voters) implements ServerMessage {
    }

    /** Poll {@code pollId} was closed by moderator {@code endedBy}, with {@code voters} votes cast. */
    record PollEnded(@JsonProperty(required = true) int pollId,
                     @JsonProperty(required = true) int endedBy,
                     @JsonProperty(required = true) int voters) implements ServerMessage {
    }

    /** A moderator shared the totals per choice of poll {@code pollId}, in the order of its choices. */
    record PollResults(@JsonProperty(required = true) int pollId,
                       @JsonProperty(required = true) List<Integer> totals,
                       @JsonProperty(required = true) int sharedBy) implements ServerMessage {
        public PollResults {
            totals = List.copyOf(Objects.requireNonNull(totals, "totals"));
        }
    }

    /**
     * Answer to {@code schedule_meeting} and {@code update_scheduled}: the meeting as the server keeps it.
     * {@code hostKey} is present only in the answer to {@code schedule_meeting} (the server keeps only its
     * hash); {@code validUntil} is when the ID stops working (end plus the server's grace period).
     */
    record MeetingScheduled(@JsonProperty(required = true) String meetingId,
                            String hostKey,
                            @JsonProperty(required = true) String title,
                            @JsonProperty(required = true) Instant start,
                            @JsonProperty(required = true) int durationMinutes,
                            @JsonProperty(required = true) String timeZone,
                            @JsonProperty(required = true) boolean passcodeProtected,
                            @JsonProperty(required = true) boolean waitingRoom,
                            @JsonProperty(required = true) RecordingPolicy recordingPolicy,
                            @JsonProperty(required = true) Instant validUntil) implements ServerMessage {
        public MeetingScheduled {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(timeZone, "timeZone");
            Objects.requireNonNull(recordingPolicy, "recordingPolicy");
            Objects.requireNonNull(validUntil, "validUntil");
        }
    }

    /** Answer to {@code cancel_scheduled}: the ID now answers MEETING_CANCELLED. */
    record ScheduledCancelled(@JsonProperty(required = true) String meetingId) implements ServerMessage {
        public ScheduledCancelled {
            Objects.requireNonNull(meetingId, "meetingId");
        }
    }

    /**
     * Cluster only (docs/protocol.md section 6.12): the meeting of this {@code create_meeting}, {@code join} or
     * {@code resume} ({@code requestType}) is served by another node of the same cluster, at {@code url}. The
     * client opens a new connection there, trusting it exactly as it trusts this server (the cluster shares one
     * certificate), and sends the same request again. Nothing changed on this server.
     */
    record Redirect(@JsonProperty(required = true) String url,
                    @JsonProperty(required = true) String requestType,
                    String meetingId) implements ServerMessage {
        public Redirect {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(requestType, "requestType");
        }
    }

    /**
     * Cluster only, right after {@code joined}: the other live nodes of the cluster, where a client whose server
     * stops answering sends its {@code resume} (docs/protocol.md section 6.12). May be empty.
     */
    record ClusterNodes(@JsonProperty(required = true) List<String> nodes) implements ServerMessage {
        public ClusterNodes {
            nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        }
    }
}
