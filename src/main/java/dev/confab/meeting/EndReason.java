package dev.confab.meeting;

/** Why a {@link MeetingSession} reached {@link SessionState.Ended}. */
public enum EndReason {
    /** The user left (or cancelled while connecting). */
    LEFT,
    /** The host removed this participant. */
    REMOVED,
    /** The host ended the meeting for everyone. */
    ENDED_BY_HOST,
    /** The server shut down. */
    SERVER_SHUTDOWN,
    /** The connection was lost and could not be resumed in time; see the failure for details. */
    CONNECTION_LOST,
    /** Creating or joining the meeting failed; see the failure for details. */
    JOIN_FAILED,
    /** A host or co-host turned this client away from the waiting room. */
    DENIED
}
