package dev.confab.meeting;

import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Participant;
import dev.confab.protocol.ServerMessage;

import java.time.Instant;
import java.util.ArrayList;
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

    /** The roster the server sent in {@code joined}; a resumed session keeps its history of departures. */
    static Roster fromJoined(ServerMessage.Joined joined, Roster previous) {
        return new Roster(joined.meetingId(), joined.selfId(), joined.hostId(), joined.locked(),
                joined.passcodeProtected(), joined.roster(), joined.resumed() ? previous.departed() : List.of());
    }

    Roster withJoined(Participant participant) {
        return withParticipants(append(participants, participant), departed);
    }

    Roster withUpdated(Participant updated) {
        return withParticipants(participants.stream().map(p -> p.id() == updated.id() ? updated : p).toList(), departed);
    }

    /** Moves the participant to the departed list; unchanged when it is not in the roster. */
    Roster withLeft(Departed departure) {
        int id = departure.participant().id();
        return withParticipants(participants.stream().filter(p -> p.id() != id).toList(), append(departed, departure));
    }

    Roster withMeetingState(boolean nowLocked, int nowHostId) {
        return new Roster(meetingId, selfId, nowHostId, nowLocked, passcodeProtected, participants, departed);
    }

    private Roster withParticipants(List<Participant> nowPresent, List<Departed> nowDeparted) {
        return new Roster(meetingId, selfId, hostId, locked, passcodeProtected, nowPresent, nowDeparted);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    public Optional<Participant> find(int participantId) {
        return participants.stream().filter(p -> p.id() == participantId).findFirst();
    }

    /**
     * The name to show for {@code participant}: its display name, with " #id" added while someone else in the
     * meeting has the same name (see {@link SameNameLabels}), so a newcomer cannot pass for someone present.
     */
    public String label(Participant participant) {
        return SameNameLabels.label(participant, participants);
    }

    /** This client's own entry, if it is in the meeting. */
    public Optional<Participant> self() {
        return find(selfId);
    }

    public boolean selfIsHost() {
        return selfId != 0 && selfId == hostId;
    }
}
