package dev.confab.meeting.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One meeting in the user's local history.
 *
 * @param topic     what the meeting was called, or null when it had none (the ID is shown instead)
 * @param ownRole   HOST when this user was host at any time during the meeting
 * @param endedAt   null while the meeting is still running (or when the app stopped without a clean end)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeetingRecord(String meetingId, String topic, OwnRole ownRole, Instant startedAt, Instant endedAt,
                            List<Attendance> participants) {

    /**
     * This user's part in the meeting. A history type of its own rather than the protocol's role, so the history
     * (and the UI showing it) do not depend on the wire format; stored by name, as the protocol's was.
     */
    public enum OwnRole { HOST, PARTICIPANT }

    /** One participant's stay; {@code leftAt} null while present. */
    public record Attendance(String displayName, Instant joinedAt, Instant leftAt) {
        public Attendance {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(joinedAt, "joinedAt");
        }
    }

    public MeetingRecord {
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(ownRole, "ownRole");
        Objects.requireNonNull(startedAt, "startedAt");
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** The topic, or the meeting ID for meetings without one. */
    public String title() {
        return topic == null || topic.isBlank() ? meetingId : topic;
    }

    /** Case-insensitive match on topic, meeting ID (digits only also match) and participant names. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(java.util.Locale.ROOT);
        String digits = q.replaceAll("[\\s-]", "");
        return meetingId.contains(digits) && !digits.isEmpty()
                || topic != null && topic.toLowerCase(java.util.Locale.ROOT).contains(q)
                || participants.stream().anyMatch(a -> a.displayName().toLowerCase(java.util.Locale.ROOT).contains(q));
    }
}
