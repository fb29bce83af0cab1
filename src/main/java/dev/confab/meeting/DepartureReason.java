package dev.confab.meeting;

/** Why someone else is no longer in the meeting (see {@link Roster.Departed}). */
public enum DepartureReason {
    /** They left. */
    LEFT,
    /** The host removed them. */
    REMOVED,
    /** The host ended the meeting for everyone. */
    ENDED_BY_HOST,
    /** Their connection dropped and was not resumed in time. */
    DISCONNECTED,
    /** The server is shutting down. */
    SERVER_SHUTDOWN,
    /** Turned away from the waiting room (never someone who was in the meeting). */
    DENIED,
    /** A reason newer than this client knows. */
    UNKNOWN
}
