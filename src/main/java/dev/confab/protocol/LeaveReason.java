package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a participant is no longer in a meeting. */
public enum LeaveReason {
    /** The participant sent {@code leave}. */
    LEFT,
    /** The host removed the participant. */
    REMOVED,
    /** The host ended the meeting for everyone. */
    ENDED_BY_HOST,
    /** The connection dropped and was not resumed within the resume grace period. */
    DISCONNECTED,
    /** The server is shutting down. */
    SERVER_SHUTDOWN,
    /** A moderator turned the receiver away from the waiting room. */
    DENIED,
    /** Read by clients for any reason newer than they know. Never sent. */
    @JsonEnumDefaultValue
    UNKNOWN
}
