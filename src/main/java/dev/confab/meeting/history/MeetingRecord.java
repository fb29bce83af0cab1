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
                            List<Attendance> participants, List<PollSummary> polls) {

    /**
     * A poll that ended during the meeting. {@code totals} per choice when this user could count them (as host or
     * co-host, or because the totals were shared), else null; never who chose what (that stays in a saved CSV).
     */
    public record PollSummary(String question, List<String> choices, List<Integer> totals, int voters, Instant endedAt) {
        public PollSummary {
            Objects.requireNonNull(question, "question");
            choices = List.copyOf(choices);
            totals = totals == null ? null : List.copyOf(totals);
        }
    }

    /** A meeting without polls. */
    public MeetingRecord(String meetingId, String topic, OwnRole ownRole, Instant startedAt, Instant endedAt,
                         List<Attendance> participants) {
        this(meetingId, topic, ownRole, startedAt, endedAt, participants, List.of());
    }

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
        polls = polls == null ? List.of() : List.copyOf(polls); // records saved before polls existed have none
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
