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
        @JsonSubTypes.Type(value = ServerMessage.RecordingChanged.class, name = "recording_changed"),
        @JsonSubTypes.Type(value = ServerMessage.RecordingPolicyChanged.class, name = "recording_policy"),
        @JsonSubTypes.Type(value = ServerMessage.MeetingScheduled.class, name = "meeting_scheduled"),
        @JsonSubTypes.Type(value = ServerMessage.ScheduledCancelled.class, name = "scheduled_cancelled"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

    /** Server limits announced in {@code welcome}, so clients can stay inside them. */
    record Limits(int maxTextFrameBytes, int maxBinaryFrameBytes, int messagesPerSecond,
                  int keepAliveSeconds, int resumeGraceSeconds, int maxParticipants) {
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
                  String topic) implements ServerMessage {
        public Joined {
            Objects.requireNonNull(meetingId, "meetingId");
            Objects.requireNonNull(resumeToken, "resumeToken");
            roster = List.copyOf(Objects.requireNonNull(roster, "roster"));
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

    /** Lock, host or topic changed; {@code topic} is absent when the meeting has none. */
    record MeetingUpdated(@JsonProperty(required = true) boolean locked,
                          @JsonProperty(required = true) int hostId,
                          String topic) implements ServerMessage {
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
                        Integer stoppedBy) implements ServerMessage {
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
}
