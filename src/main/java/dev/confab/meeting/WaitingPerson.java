package dev.confab.meeting;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone in the waiting room, as hosts and co-hosts see them.
 *
 * @param waitingId what {@link MeetingSession#admit} and {@link MeetingSession#deny} take; not a participant id
 */
public record WaitingPerson(int waitingId, String displayName, Instant since) {
    public WaitingPerson {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(since, "since");
    }
}
