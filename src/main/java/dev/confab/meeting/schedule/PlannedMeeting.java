package dev.confab.meeting.schedule;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A meeting this computer scheduled, as kept in its local schedule: the plan, where it is (server and its
 * certificate fingerprint, null when the system trusts it or for ws://), the meeting ID and the host key that
 * makes this computer its host. The host key never leaves this computer except to that server.
 *
 * @param sequence how often it was changed: the SEQUENCE of its calendar files
 * @param validUntil when the server forgets it (end plus the server's grace)
 */
public record PlannedMeeting(String meetingId, URI server, String fingerprint, MeetingPlan plan, String hostKey,
                             int sequence, Instant validUntil) {

    public PlannedMeeting {
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public Instant end() {
        return plan.start().plus(plan.duration());
    }

    public ZonedDateTime startInItsZone() {
        return plan.start().atZone(plan.zone());
    }

    /** Still worth listing: the server has not forgotten it yet. */
    public boolean upcoming(Instant now) {
        return validUntil.isAfter(now);
    }

    public PlannedMeeting replanned(MeetingPlan newPlan, Instant newValidUntil) {
        return new PlannedMeeting(meetingId, server, fingerprint, newPlan, hostKey, sequence + 1, newValidUntil);
    }

    /** Stable across changes, so calendars update (or cancel) the same event. */
    public String calendarUid() {
        return meetingId + "-scheduled@confab.dev";
    }
}
