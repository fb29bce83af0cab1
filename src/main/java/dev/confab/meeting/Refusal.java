package dev.confab.meeting;

/**
 * Why the server refused a request or a join, as the layers above the meeting engine tell it to the user: one
 * constant per error the server can report, with the same name, so each has its own text
 * ({@code meeting.failure.<name in lower case>}). {@link #UNKNOWN} also stands for a failure on this side that
 * the server never saw (e.g. a screen that could not be captured).
 */
public enum Refusal {
    UNSUPPORTED_VERSION,
    HELLO_REQUIRED,
    MALFORMED_MESSAGE,
    UNKNOWN_TYPE,
    INVALID_MESSAGE,
    FRAME_TOO_LARGE,
    RATE_LIMITED,
    NOT_IN_MEETING,
    ALREADY_IN_MEETING,
    MEETING_NOT_FOUND,
    MEETING_LOCKED,
    MEETING_FULL,
    SERVER_FULL,
    TOO_MANY_MEETINGS,
    PASSCODE_REQUIRED,
    WRONG_PASSCODE,
    TOO_MANY_ATTEMPTS,
    NOT_HOST,
    UNKNOWN_PARTICIPANT,
    RESUME_REJECTED,
    INTERNAL_ERROR,
    SHARE_IN_PROGRESS,
    NOT_SHARING,
    ANNOTATION_NOT_ALLOWED,
    RECORDING_NOT_ALLOWED,
    NOT_MODERATOR,
    NOT_WAITING,
    FILES_DISABLED,
    FILE_TOO_LARGE,
    FILE_TRANSFER_REFUSED,
    POLL_IN_PROGRESS,
    POLL_CLOSED,
    ALREADY_VOTED,
    MEETING_NOT_STARTED,
    MEETING_CANCELLED,
    MEETING_EXPIRED,
    INVALID_SCHEDULE,
    TOO_MANY_SCHEDULED,
    WRONG_HOST_KEY,
    UNKNOWN
}
