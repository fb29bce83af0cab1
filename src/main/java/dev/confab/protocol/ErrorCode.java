package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Every error the server can report in an {@code error} message. The table in docs/protocol.md says, for each,
 * when it is sent and whether the server closes the connection afterwards.
 */
public enum ErrorCode {
    /** The client's protocol version is not one the server speaks; the server closes with 4002. */
    UNSUPPORTED_VERSION,
    /** A message other than {@code hello} arrived before the handshake; closed with 4001. */
    HELLO_REQUIRED,
    /** The text frame is not valid JSON. */
    MALFORMED_MESSAGE,
    /** The {@code type} field names no message this server knows. */
    UNKNOWN_TYPE,
    /** A required field is missing, has the wrong JSON type, or is out of range. */
    INVALID_MESSAGE,
    /** A text frame larger than 64 KiB, or a binary frame over the binary limit; closed with 1009. */
    FRAME_TOO_LARGE,
    /** The connection sends faster than its rate limit; repeated flooding closes it with 1008. */
    RATE_LIMITED,
    /** The request needs a joined meeting, but this connection has not joined one. */
    NOT_IN_MEETING,
    /** {@code create_meeting}/{@code join}/{@code resume} on a connection that is already in a meeting. */
    ALREADY_IN_MEETING,
    MEETING_NOT_FOUND,
    MEETING_LOCKED,
    MEETING_FULL,
    /** The server already holds its maximum number of meetings. */
    SERVER_FULL,
    /**
     * {@code create_meeting} from an address that already has its maximum of live meetings on this server, or
     * that created too many in the last hour ({@code retryAfterSeconds} then says when it may create again).
     */
    TOO_MANY_MEETINGS,
    /** The meeting has a passcode and the join carried none. */
    PASSCODE_REQUIRED,
    /** {@code retryAfterSeconds}, when present, says when the next try will be checked. */
    WRONG_PASSCODE,
    /** A try before the wait that earlier wrong passcodes started is over; see {@code retryAfterSeconds}. */
    TOO_MANY_ATTEMPTS,
    /**
     * A host-only action (end for all, set_role, transfer_host, set_topic, share and recording policies) from someone
     * who is not the host, or a co-host acting on the host (removing it).
     */
    NOT_HOST,
    /** A host action or chat naming a participant who is not in the meeting. */
    UNKNOWN_PARTICIPANT,
    /** The resume token is unknown or its grace period has passed: join afresh. */
    RESUME_REJECTED,
    /** The server failed unexpectedly while handling the request; the meeting carries on. */
    INTERNAL_ERROR,
    /** {@code share_start} while another participant shares and the host has not allowed several sharers. */
    SHARE_IN_PROGRESS,
    /** A share request or annotation that needs an active share (of the sender, or of {@code shareId}). */
    NOT_SHARING,
    /** A viewer annotated a share whose sharer does not allow viewer annotation. */
    ANNOTATION_NOT_ALLOWED,
    /**
     * {@code recording_start} while the meeting's recording policy does not allow the sender's role to record
     * (host only, or nobody), or {@code set_recording_policy} with a policy this server does not know.
     */
    RECORDING_NOT_ALLOWED,
    /** A moderator action (admit, ask to mute, remove, lock, spotlight...) from someone who is neither host nor co-host. */
    NOT_MODERATOR,
    /** {@code admit} or {@code deny} naming nobody who is waiting (already admitted, denied, or gone). */
    NOT_WAITING,
    /** {@code file_offer} on a server whose file limit is 0 (files switched off). */
    FILES_DISABLED,
    /** {@code file_offer} over the server's announced {@code maxFileBytes}. */
    FILE_TOO_LARGE,
    /**
     * {@code file_offer} while this connection still sends another file, or with a {@code transferId} in use;
     * or a FILE chunk the transfer does not allow (unknown transfer, out of order, over the window or the offered
     * size; {@code requestType} "file_chunk"): then the transfer is cancelled for everyone. A connection sends one
     * file at a time, so the sender knows which.
     */
    FILE_TRANSFER_REFUSED,
    /** {@code poll_launch} while another poll is open: end it first. */
    POLL_IN_PROGRESS,
    /** A vote, end or share naming a poll that is not open (or, for {@code poll_share}, not ended). */
    POLL_CLOSED,
    /** A second {@code poll_vote} from the same participant in the same poll. */
    ALREADY_VOTED,
    /** {@code join} of a scheduled meeting its scheduler has not started yet; try again after its start. */
    MEETING_NOT_STARTED,
    /** The scheduled meeting was cancelled by its scheduler. */
    MEETING_CANCELLED,
    /** The scheduled meeting's end plus the server's grace period has passed. */
    MEETING_EXPIRED,
    /** A meeting plan out of bounds: start in the past or too far ahead, duration, time zone or title. */
    INVALID_SCHEDULE,
    /** The sender's address (or the server) already holds its maximum of scheduled meetings. */
    TOO_MANY_SCHEDULED,
    /** {@code hostKey} does not match the scheduled meeting's. */
    WRONG_HOST_KEY,
    /** Read by clients for any code newer than they know. Never sent. */
    @JsonEnumDefaultValue
    UNKNOWN
}
