package dev.confab.meeting;

import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Participant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the meeting as this client last heard it. Each change produces a new snapshot.
 *
 * @param participants current participants in join order, including this client
 * @param departed     participants who left since this client joined, with when and why
 */
public record Roster(String meetingId, int selfId, int hostId, boolean locked, boolean passcodeProtected,
                     List<Participant> participants, List<Departed> departed) {

    public record Departed(Participant participant, LeaveReason reason, Instant leftAt) {
    }

    public Roster {
        participants = List.copyOf(participants);
        departed = List.copyOf(departed);
    }

    static Roster empty() {
        return new Roster(null, 0, 0, false, false, List.of(), List.of());
    }

    public Optional<Participant> find(int participantId) {
        return participants.stream().filter(p -> p.id() == participantId).findFirst();
    }

    /** This client's own entry, if it is in the meeting. */
    public Optional<Participant> self() {
        return find(selfId);
    }

    public boolean selfIsHost() {
        return selfId != 0 && selfId == hostId;
    }
}
