package dev.confab.meeting;

import java.time.Instant;

/**
 * The life of a {@link MeetingSession}:
 * <pre>
 * Idle ──create/join──▶ Connecting ──joined──▶ InMeeting ◀──resumed── Reconnecting
 *                          └──waiting──▶ Waiting ──admitted──▶ InMeeting; denied/lost ──▶ Ended
 *                          │                     │   └──connection lost──▶ │
 *                          ▼                     ▼                          ▼
 *                        Ended(JOIN_FAILED)    Ended(LEFT/REMOVED/...)    Ended(CONNECTION_LOST)
 * </pre>
 * Ended is final; start a new session to join again.
 */
public sealed interface SessionState {

    record Idle() implements SessionState {
    }

    /** Connecting to the server and asking to create or join. */
    record Connecting() implements SessionState {
    }

    record InMeeting(String meetingId) implements SessionState {
    }

    /**
     * In the meeting's waiting room: nothing of the meeting arrives until a host or co-host admits this client
     * (then InMeeting) or denies it (then Ended(DENIED)). A lost connection ends the wait: there is no seat to resume
     * — except in a cluster, where the session stays Waiting while it takes its place back at another node (the
     * meeting moved there; docs/protocol.md section 6.12). {@code regaining}: that is under way (show "Moving the
     * meeting to another server… your place is kept"); Waiting comes again, not regaining, once the place is back.
     */
    record Waiting(String meetingId, boolean regaining) implements SessionState {
        public Waiting(String meetingId) {
            this(meetingId, false);
        }
    }

    /**
     * The connection dropped; attempt {@code attempt} is under way or scheduled. The session gives up at
     * {@code giveUpAt}. Show "Reconnecting…"; the roster is stale until InMeeting returns. {@code moving}: the
     * attempt goes to another server of the cluster than the meeting was on (its server stopped answering or
     * redirected the resume): show "Moving the meeting to another server…".
     */
    record Reconnecting(int attempt, Instant giveUpAt, boolean moving) implements SessionState {
        public Reconnecting(int attempt, Instant giveUpAt) {
            this(attempt, giveUpAt, false);
        }
    }

    /** @param failure null for a normal end (LEFT, REMOVED, ENDED_BY_HOST, SERVER_SHUTDOWN) */
    record Ended(EndReason reason, MeetingFailure failure) implements SessionState {
    }
}
