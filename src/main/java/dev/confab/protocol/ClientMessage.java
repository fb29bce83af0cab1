package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * Messages a client sends to the server, one record per {@code type}. Field meanings and the order in which
 * messages may be sent are specified in docs/protocol.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ClientMessage.CreateMeeting.class, name = "create_meeting"),
        @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = ClientMessage.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = ClientMessage.UpdateState.class, name = "update_state"),
        @JsonSubTypes.Type(value = ClientMessage.Chat.class, name = "chat"),
        @JsonSubTypes.Type(value = ClientMessage.MediaKey.class, name = "media_key"),
        @JsonSubTypes.Type(value = ClientMessage.AskMute.class, name = "ask_mute"),
        @JsonSubTypes.Type(value = ClientMessage.RemoveParticipant.class, name = "remove_participant"),
        @JsonSubTypes.Type(value = ClientMessage.LockMeeting.class, name = "lock_meeting"),
        @JsonSubTypes.Type(value = ClientMessage.SetTopic.class, name = "set_topic"),
        @JsonSubTypes.Type(value = ClientMessage.EndMeeting.class, name = "end_meeting"),
        @JsonSubTypes.Type(value = ClientMessage.TransferHost.class, name = "transfer_host"),
        @JsonSubTypes.Type(value = ClientMessage.RequestKeyframe.class, name = "keyframe_request"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientMessage.ReceiveEstimate.class, name = "receive_estimate"),
        @JsonSubTypes.Type(value = ClientMessage.ProbeRequest.class, name = "probe_request"),
        @JsonSubTypes.Type(value = ClientMessage.View.class, name = "view"),
        @JsonSubTypes.Type(value = ClientMessage.ShareStart.class, name = "share_start"),
        @JsonSubTypes.Type(value = ClientMessage.ShareStop.class, name = "share_stop"),
        @JsonSubTypes.Type(value = ClientMessage.ShareOptions.class, name = "share_options"),
        @JsonSubTypes.Type(value = ClientMessage.StopShare.class, name = "stop_share"),
        @JsonSubTypes.Type(value = ClientMessage.AllowMultipleSharers.class, name = "allow_multiple_sharers"),
        @JsonSubTypes.Type(value = ClientMessage.Annotate.class, name = "annotate"),
        @JsonSubTypes.Type(value = ClientMessage.AnnotateSealed.class, name = "annotate_sealed"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingStart.class, name = "recording_start"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingStop.class, name = "recording_stop"),
        @JsonSubTypes.Type(value = ClientMessage.SetRecordingPolicy.class, name = "set_recording_policy"),
        @JsonSubTypes.Type(value = ClientMessage.SetWaitingRoom.class, name = "set_waiting_room"),
        @JsonSubTypes.Type(value = ClientMessage.Admit.class, name = "admit"),
        @JsonSubTypes.Type(value = ClientMessage.Deny.class, name = "deny"),
        @JsonSubTypes.Type(value = ClientMessage.SetRole.class, name = "set_role"),
        @JsonSubTypes.Type(value = ClientMessage.SetMuteOnEntry.class, name = "set_mute_on_entry"),
        @JsonSubTypes.Type(value = ClientMessage.AskUnmute.class, name = "ask_unmute"),
        @JsonSubTypes.Type(value = ClientMessage.Spotlight.class, name = "spotlight"),
        @JsonSubTypes.Type(value = ClientMessage.FileOffer.class, name = "file_offer"),
        @JsonSubTypes.Type(value = ClientMessage.FileCancel.class, name = "file_cancel"),
        @JsonSubTypes.Type(value = ClientMessage.RaiseHand.class, name = "raise_hand"),
        @JsonSubTypes.Type(value = ClientMessage.LowerHands.class, name = "lower_hands"),
        @JsonSubTypes.Type(value = ClientMessage.React.class, name = "react"),
        @JsonSubTypes.Type(value = ClientMessage.PollLaunch.class, name = "poll_launch"),
        @JsonSubTypes.Type(value = ClientMessage.PollVote.class, name = "poll_vote"),
        @JsonSubTypes.Type(value = ClientMessage.PollEnd.class, name = "poll_end"),
        @JsonSubTypes.Type(value = ClientMessage.PollShare.class, name = "poll_share"),
        @JsonSubTypes.Type(value = ClientMessage.ScheduleMeeting.class, name = "schedule_meeting"),
        @JsonSubTypes.Type(value = ClientMessage.UpdateScheduled.class, name = "update_scheduled"),
        @JsonSubTypes.Type(value = ClientMessage.CancelScheduled.class, name = "cancel_scheduled"),
        @JsonSubTypes.Type(value = ClientMessage.StartScheduled.class, name = "start_scheduled"),
})
public sealed interface ClientMessage {

    /** First message on every connection: the protocol version the client speaks. */
    record Hello(@JsonProperty(required = true) int version, String client) implements ClientMessage {
    }

    /**
     * Creates a meeting and joins it as host. {@code passcode} may be null for an open meeting; {@code chatKey}
     * is the joiner's X25519 chat public key (raw 32 bytes, base64) or null. {@code waitingRoom} and
     * {@code muteOnEntry} (absent or null: false) are the meeting's first settings (docs/protocol.md section 6.8).
     */
    record CreateMeeting(@JsonProperty(required = true) String displayName, String passcode, String chatKey,
                         Boolean waitingRoom, Boolean muteOnEntry)
            implements ClientMessage {
        public CreateMeeting {
            Objects.requireNonNull(displayName, "displayName");
        }

        public CreateMeeting(String displayName, String passcode, String chatKey) {
            this(displayName, passcode, chatKey, null, null);
        }

        public CreateMeeting(String displayName, String passcode) {
            this(displayName, passcode, null);
        }

        public boolean withWaitingRoom() {
            return Boolean.TRUE.equals(waitingRoom);
        }

        public boolean withMuteOnEntry() {
            return Boolean.TRUE.equals(muteOnEntry);
        }
    }

    /**
     * Joins a meeting; {@code chatKey} as in {@link CreateMeeting}. {@code waitToken}: the token of the last
     * {@link ServerMessage.Waiting} from a cluster node, to take back one's place in the waiting room after the
     * meeting moved to another node (docs/protocol.md section 6.12); null otherwise.
     */
    record Join(@JsonProperty(required = true) String meetingId,
                @JsonProperty(required = true) String displayName,
                String passcode,
                String chatKey,
                String waitToken) implements ClientMessage {
        public Join {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(displayName, "displayName");
        }

        public Join(String meetingId, String displayName, String passcode, String chatKey) {
            this(meetingId, displayName, passcode, chatKey, null);
        }

        /** The same join, taking back a place in a waiting room with {@code token}. */
        public Join withWaitToken(String token) {
            return new Join(meetingId, displayName, passcode, chatKey, token);
        }

        public Join(String meetingId, String displayName, String passcode) {
            this(meetingId, displayName, passcode, null);
        }
    }

    /** Re-attaches a new connection to a participant whose old connection was lost. */
    record Resume(@JsonProperty(required = true) String resumeToken) implements ClientMessage {
        public Resume {
            Objects.requireNonNull(resumeToken, "resumeToken");
        }
    }

    record Leave() implements ClientMessage {
    }

    /**
     * The sender's own media state, shown to everyone in the roster. The server ignores {@code sharing} and
     * {@code recording} here: only the share and recording requests change them.
     */
    record UpdateState(@JsonProperty(required = true) boolean muted,
                       @JsonProperty(required = true) boolean cameraOn,
                       @JsonProperty(required = true) boolean sharing,
                       @JsonProperty(required = true) boolean recording) implements ClientMessage {
    }

    /**
     * A chat message. The server routes {@code payload} without reading it. {@code to} empty or null means
     * everyone; {@code enc} names the payload encoding (clients use end-to-end encryption, docs/security.md).
     */
    record Chat(List<Integer> to,
                @JsonProperty(required = true) String enc,
                @JsonProperty(required = true) String payload) implements ClientMessage {
        public Chat {
            to = to == null ? List.of() : List.copyOf(to);
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * This sender's new media key, sealed separately for each recipient (docs/security.md section 9.3). The server
     * gives each recipient only its own {@code key}, without reading it; recipients not in the meeting are skipped.
     */
    record MediaKey(@JsonProperty(required = true) List<Sealed> keys) implements ClientMessage {
        public MediaKey {
            keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        }

        /** {@code key} sealed for participant {@code to}: base64, opaque to the server. */
        public record Sealed(@JsonProperty(required = true) int to, @JsonProperty(required = true) String key) {
            public Sealed {
                Objects.requireNonNull(key, "key");
            }
        }
    }

    /** Host only: asks one participant ({@code participantId}) or, when it is null, everyone else to mute. */
    record AskMute(Integer participantId) implements ClientMessage {
    }

    record RemoveParticipant(@JsonProperty(required = true) int participantId) implements ClientMessage {
    }

    record LockMeeting(@JsonProperty(required = true) boolean locked) implements ClientMessage {
    }

    /** Host only: what the meeting is about; null or blank removes it. Checked like a display name. */
    record SetTopic(String topic) implements ClientMessage {
    }

    record EndMeeting() implements ClientMessage {
    }

    record TransferHost(@JsonProperty(required = true) int participantId) implements ClientMessage {
    }

    /** Asks the participant {@code participantId} to send a keyframe on {@code stream} soon. */
    record RequestKeyframe(@JsonProperty(required = true) int participantId,
                           @JsonProperty(required = true) StreamKind stream) implements ClientMessage {
        public RequestKeyframe {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /** Application-level keep-alive for clients that cannot send WebSocket pings; answered by {@code pong}. */
    record Ping(Long nonce) implements ClientMessage {
    }

    /**
     * What this client's downlink carries, in kbit/s, as measured from the media it receives (docs/protocol.md
     * section 9.3); null: no limit found (the default). The server turns everyone's into targets for the senders.
     * {@code queueMillis} (optional): the queueing the receiver measured when it lowered the estimate, or saw starting
     * before it could measure the rate (then with the estimate unchanged, null included); the server then holds video
     * back for it until the link's queue has drained, so the sound behind that queue comes through.
     */
    record ReceiveEstimate(Integer kbps,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer queueMillis) implements ClientMessage {
        public static final int MAX_QUEUE_MILLIS = 10_000;

        public ReceiveEstimate {
            if (kbps != null && kbps < 1) {
                throw new IllegalArgumentException("kbps must be at least 1, or null for no limit");
            }
            if (queueMillis != null && (queueMillis < 0 || queueMillis > MAX_QUEUE_MILLIS)) {
                throw new IllegalArgumentException("queueMillis must be 0 to " + MAX_QUEUE_MILLIS);
            }
        }

        public ReceiveEstimate(Integer kbps) {
            this(kbps, null);
        }
    }

    /**
     * Asks the server for about {@code kbps} kbit/s of PADDING frames for {@code millis} ms, on top of the media
     * (docs/protocol.md section 7.3): the client learns from their arrival whether its downlink carries more.
     */
    record ProbeRequest(@JsonProperty(required = true) int kbps, @JsonProperty(required = true) int millis)
            implements ClientMessage {
        public static final int MAX_KBPS = 20_000;
        public static final int MAX_MILLIS = 1_000;

        public ProbeRequest {
            if (kbps < 1 || kbps > MAX_KBPS) {
                throw new IllegalArgumentException("kbps must be 1 to " + MAX_KBPS);
            }
            if (millis < 1 || millis > MAX_MILLIS) {
                throw new IllegalArgumentException("millis must be 1 to " + MAX_MILLIS);
            }
        }
    }

    /**
     * The participants whose cameras this client shows, and the size of each tile in pixels (docs/protocol.md
     * sections 6.2 and 9.1): the server forwards CAMERA frames of these participants only (AUDIO and SCREEN as
     * before) and keeps each sender under the largest tile anyone shows it at. Never sent: every camera. Unknown ids
     * (someone who just left) are ignored; a participant listed twice counts with its larger tile.
     */
    record View(@JsonProperty(required = true) List<Shown> show) implements ClientMessage {
        /** 8K UHD: no tile is larger. */
        public static final int MAX_WIDTH = 7680;
        public static final int MAX_HEIGHT = 4320;
        /** Participant ids are 16 bits (the sender field of media frames). */
        public static final int MAX_PARTICIPANT_ID = 0xFFFF;

        public View {
            Objects.requireNonNull(show, "show");
            for (int i = 0; i < show.size(); i++) {
                Shown tile = show.get(i);
                String field = "field \"show[" + i + "]";
                if (tile == null) {
                    throw new IllegalArgumentException(field + "\" must not be null");
                }
                if (tile.participantId() < 1 || tile.participantId() > MAX_PARTICIPANT_ID) {
                    throw new IllegalArgumentException(field + ".participantId\" must be 1 to " + MAX_PARTICIPANT_ID);
                }
                if (tile.width() < 1 || tile.width() > MAX_WIDTH) {
                    throw new IllegalArgumentException(field + ".width\" must be 1 to " + MAX_WIDTH);
                }
                if (tile.height() < 1 || tile.height() > MAX_HEIGHT) {
                    throw new IllegalArgumentException(field + ".height\" must be 1 to " + MAX_HEIGHT);
                }
            }
            show = List.copyOf(show);
        }

        /** One shown camera: whose, and its tile's size on screen in device pixels. */
        public record Shown(@JsonProperty(required = true) int participantId,
                            @JsonProperty(required = true) int width,
                            @JsonProperty(required = true) int height) {
        }
    }

    /**
     * Starts this participant's screen share; refused with SHARE_IN_PROGRESS while someone else shares.
     * {@code allowViewerAnnotation} is optional on the wire (absent or null means false, as documented).
     * {@code whiteboard}: the share is a blank board drawn with annotations, without SCREEN frames (optional,
     * absent or null means false).
     */
    record ShareStart(boolean allowViewerAnnotation, boolean whiteboard) implements ClientMessage {
        /** A screen share. */
        public ShareStart(boolean allowViewerAnnotation) {
            this(allowViewerAnnotation, false);
        }

        // A record's canonical constructor would refuse an absent boolean (FAIL_ON_NULL_FOR_PRIMITIVES).
        @JsonCreator
        static ShareStart fromWire(@JsonProperty("allowViewerAnnotation") Boolean allowViewerAnnotation,
                                   @JsonProperty("whiteboard") Boolean whiteboard) {
            return new ShareStart(Boolean.TRUE.equals(allowViewerAnnotation), Boolean.TRUE.equals(whiteboard));
        }
    }

    record ShareStop() implements ClientMessage {
    }

    /** The sharer changes whether viewers may annotate its share. */
    record ShareOptions(@JsonProperty(required = true) boolean allowViewerAnnotation) implements ClientMessage {
    }

    /** Host only: ends {@code participantId}'s screen share. */
    record StopShare(@JsonProperty(required = true) int participantId) implements ClientMessage {
    }

    /** Host only: whether more than one participant may share at the same time (default false). */
    record AllowMultipleSharers(@JsonProperty(required = true) boolean allowed) implements ClientMessage {
    }

    /** Draws on (or undoes/clears on) the share of participant {@code shareId}. */
    record Annotate(@JsonProperty(required = true) int shareId,
                    @JsonProperty(required = true) Annotation annotation) implements ClientMessage {
        public Annotate {
            Objects.requireNonNull(annotation, "annotation");
        }
    }

    /**
     * An annotation (or, with {@code to}, the sharer's whole annotation state for one newcomer) on the share of
     * {@code shareId}, end-to-end encrypted like chat (docs/security.md section 13): the server checks who may
     * draw and the size, and relays {@code payload} unread.
     */
    record AnnotateSealed(@JsonProperty(required = true) int shareId,
                          Integer to,
                          @JsonProperty(required = true) String enc,
                          @JsonProperty(required = true) String payload) implements ClientMessage {
        public AnnotateSealed {
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * The sender starts recording the meeting locally; refused with RECORDING_NOT_ALLOWED unless the meeting's
     * {@link RecordingPolicy} allows the sender's role. Everyone learns it from {@code recording_changed}.
     */
    record RecordingStart() implements ClientMessage {
    }

    /** The sender stopped recording. */
    record RecordingStop() implements ClientMessage {
    }

    /** Host only: who may record from now on; recorders no longer allowed are stopped. */
    record SetRecordingPolicy(@JsonProperty(required = true) RecordingPolicy policy) implements ClientMessage {
        public SetRecordingPolicy {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Moderator: people who join from now on wait until a moderator admits them (false: admitted at once). */
    record SetWaitingRoom(@JsonProperty(required = true) boolean enabled) implements ClientMessage {
    }

    /** Moderator: lets the waiting person {@code waitingId} in; null lets everyone waiting in, in arrival order. */
    record Admit(Integer waitingId) implements ClientMessage {
    }

    /** Moderator: turns the waiting person {@code waitingId} away; it is told DENIED and disconnected. */
    record Deny(@JsonProperty(required = true) int waitingId) implements ClientMessage {
    }

    /** Host only: makes {@code participantId} a co-host or a participant again ({@code HOST}: use transfer_host). */
    record SetRole(@JsonProperty(required = true) int participantId,
                   @JsonProperty(required = true) Role role) implements ClientMessage {
        public SetRole {
            Objects.requireNonNull(role, "role");
        }
    }

    /** Moderator: whoever joins from now on starts muted (the host and a resumed participant are not affected). */
    record SetMuteOnEntry(@JsonProperty(required = true) boolean enabled) implements ClientMessage {
    }

    /**
     * Moderator: asks one participant ({@code participantId}) or, when it is null, everyone else to unmute. The
     * receiver is asked, never unmuted: only its user can unmute.
     */
    record AskUnmute(Integer participantId) implements ClientMessage {
    }

    /** Moderator: shows {@code participantId} large for everyone; null ends the spotlight. */
    record Spotlight(Integer participantId) implements ClientMessage {
    }

    /**
     * Announces a file this connection is about to send as FILE chunks (docs/protocol.md section 14). The server
     * checks {@code size} (the sum of the chunks' sealed payloads) against its limit and relays the offer to
     * {@code to} (empty: everyone present now) without reading {@code payload}: a chat envelope holding the file's
     * name, type, hash and key.
     */
    record FileOffer(@JsonProperty(required = true) int transferId,
                     List<Integer> to,
                     @JsonProperty(required = true) long size,
                     @JsonProperty(required = true) int chunks,
                     @JsonProperty(required = true) String enc,
                     @JsonProperty(required = true) String payload) implements ClientMessage {
        public FileOffer {
            to = to == null ? List.of() : List.copyOf(to);
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
            if (transferId < 1) {
                throw new IllegalArgumentException("transferId must be at least 1");
            }
            if (size < 1 || chunks < 1 || chunks > size) {
                throw new IllegalArgumentException("size and chunks must be at least 1, and chunks at most size");
            }
        }
    }

    /** The sender gives up its transfer {@code transferId}; recipients are told with {@code file_cancelled}. */
    record FileCancel(@JsonProperty(required = true) int transferId) implements ClientMessage {
    }

    /** Raises ({@code true}) or lowers the sender's own hand; everyone learns the queue from {@code hands}. */
    record RaiseHand(@JsonProperty(required = true) boolean raised) implements ClientMessage {
    }

    /** Host or co-host: lowers {@code participantId}'s hand, or every hand when it is null. */
    record LowerHands(Integer participantId) implements ClientMessage {
    }

    /** A short reaction shown on the sender's tile; {@code emoji} is one of {@link Reactions#ALLOWED}. */
    record React(@JsonProperty(required = true) String emoji) implements ClientMessage {
        public React {
            Objects.requireNonNull(emoji, "emoji");
        }
    }

    /**
     * What a scheduled meeting is: {@code title} (display-name rule), {@code start} (an instant), length in
     * minutes, the IANA {@code timeZone} the scheduler thinks in, an optional passcode, and the defaults the
     * meeting starts with. Bounds and errors: docs/protocol.md section 6.11.
     */
    record MeetingPlan(@JsonProperty(required = true) String title,
                       @JsonProperty(required = true) java.time.Instant start,
                       @JsonProperty(required = true) int durationMinutes,
                       @JsonProperty(required = true) String timeZone,
                       String passcode,
                       boolean waitingRoom,
                       RecordingPolicy recordingPolicy) {
        public MeetingPlan {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }

    /** Schedules a meeting; needs no joined meeting. Answered by {@code meeting_scheduled} with the host key. */
    record ScheduleMeeting(@JsonProperty(required = true) MeetingPlan plan) implements ClientMessage {
        public ScheduleMeeting {
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** Changes a scheduled meeting (same ID); {@code hostKey} proves the sender scheduled it. */
    record UpdateScheduled(@JsonProperty(required = true) String meetingId,
                           @JsonProperty(required = true) String hostKey,
                           @JsonProperty(required = true) MeetingPlan plan) implements ClientMessage {
        public UpdateScheduled {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(hostKey, "hostKey");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** Cancels a scheduled meeting; ends it for everyone if it is running. */
    record CancelScheduled(@JsonProperty(required = true) String meetingId,
                           @JsonProperty(required = true) String hostKey) implements ClientMessage {
        public CancelScheduled {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(hostKey, "hostKey");
        }
    }

    /**
     * Host or co-host: asks everyone {@code question}, with 2 to {@link PollRules#MAX_CHOICES} {@code choices};
     * {@code multiple} lets a voter pick several. Bounds in {@link PollRules}; the server checks them.
     */
    record PollLaunch(@JsonProperty(required = true) String question,
                      @JsonProperty(required = true) List<String> choices,
                      @JsonProperty(required = true) boolean multiple) implements ClientMessage {
        public PollLaunch {
            Objects.requireNonNull(question, "question");
            choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        }
    }

    /**
     * The sender's vote in poll {@code pollId}, end-to-end encrypted for the moderators present (a chat envelope,
     * docs/security.md section 11): the server relays {@code payload} to them unread and only counts that the sender
     * voted.
     */
    record PollVote(@JsonProperty(required = true) int pollId,
                    @JsonProperty(required = true) String enc,
                    @JsonProperty(required = true) String payload) implements ClientMessage {
        public PollVote {
            Objects.requireNonNull(enc, "enc");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** Host or co-host: closes poll {@code pollId}; no more votes. */
    record PollEnd(@JsonProperty(required = true) int pollId) implements ClientMessage {
    }

    /** Host or co-host: shows everyone the totals per choice of ended poll {@code pollId} (never who voted what). */
    record PollShare(@JsonProperty(required = true) int pollId,
                     @JsonProperty(required = true) List<Integer> totals) implements ClientMessage {
        public PollShare {
            totals = List.copyOf(Objects.requireNonNull(totals, "totals"));
        }
    }

    /**
     * The scheduler joins (and, the first time, opens) a scheduled meeting as its host, without passcode;
     * {@code chatKey} as in {@link CreateMeeting}.
     */
    record StartScheduled(@JsonProperty(required = true) String meetingId,
                          @JsonProperty(required = true) String hostKey,
                          @JsonProperty(required = true) String displayName,
                          String chatKey) implements ClientMessage {
        public StartScheduled {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(hostKey, "hostKey");
            Objects.requireNonNull(displayName, "displayName");
        }
    }
}
