package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
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
        @JsonSubTypes.Type(value = ClientMessage.RecordingStart.class, name = "recording_start"),
        @JsonSubTypes.Type(value = ClientMessage.RecordingStop.class, name = "recording_stop"),
        @JsonSubTypes.Type(value = ClientMessage.SetRecordingPolicy.class, name = "set_recording_policy"),
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
     * is the joiner's X25519 chat public key (raw 32 bytes, base64) or null.
     */
    record CreateMeeting(@JsonProperty(required = true) String displayName, String passcode, String chatKey)
            implements ClientMessage {
        public CreateMeeting {
            Objects.requireNonNull(displayName, "displayName");
        }

        public CreateMeeting(String displayName, String passcode) {
            this(displayName, passcode, null);
        }
    }

    /** Joins a meeting; {@code chatKey} as in {@link CreateMeeting}. */
    record Join(@JsonProperty(required = true) String meetingId,
                @JsonProperty(required = true) String displayName,
                String passcode,
                String chatKey) implements ClientMessage {
        public Join {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(displayName, "displayName");
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
     * section 7.3); null: no limit found (the default). The server turns everyone's into targets for the senders.
     */
    record ReceiveEstimate(Integer kbps) implements ClientMessage {
        public ReceiveEstimate {
            if (kbps != null && kbps < 1) {
                throw new IllegalArgumentException("kbps must be at least 1, or null for no limit");
            }
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
     */
    record ShareStart(boolean allowViewerAnnotation) implements ClientMessage {
        // A record's canonical constructor would refuse an absent boolean (FAIL_ON_NULL_FOR_PRIMITIVES).
        @JsonCreator
        static ShareStart fromWire(@JsonProperty("allowViewerAnnotation") Boolean allowViewerAnnotation) {
            return new ShareStart(Boolean.TRUE.equals(allowViewerAnnotation));
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

    /**
     * What a scheduled meeting is: {@code title} (display-name rule), {@code start} (an instant), length in
     * minutes, the IANA {@code timeZone} the scheduler thinks in, an optional passcode, and the defaults the
     * meeting starts with. Bounds and errors: docs/protocol.md section 6.8.
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
