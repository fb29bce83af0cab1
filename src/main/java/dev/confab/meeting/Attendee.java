package dev.confab.meeting;

import java.time.Instant;
import java.util.Objects;

/**
 * One person in the meeting as the layers above the meeting engine see them. The chat key the server also
 * announces stays inside the meeting layer, which alone encrypts (see {@link MeetingSession}).
 *
 * @param id        per-meeting number, never reused within a meeting
 * @param host      whether this person is the meeting's host (exactly one is)
 * @param cohost    whether the host made this person a co-host (shares the host's moderation rights)
 * @param connected false while their connection is lost and may still be resumed
 */
public record Attendee(int id, String displayName, boolean host, boolean muted, boolean cameraOn, boolean sharing,
                       boolean recording, boolean connected, Instant joinedAt, boolean cohost) {

    public Attendee {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    /** Someone who is not a co-host. */
    public Attendee(int id, String displayName, boolean host, boolean muted, boolean cameraOn, boolean sharing,
                    boolean recording, boolean connected, Instant joinedAt) {
        this(id, displayName, host, muted, cameraOn, sharing, recording, connected, joinedAt, false);
    }

    /** Whether this person may moderate (host or co-host). */
    public boolean moderates() {
        return host || cohost;
    }
}
