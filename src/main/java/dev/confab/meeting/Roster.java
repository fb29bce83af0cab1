package dev.confab.meeting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the meeting as this client last heard it. Each change produces a new snapshot.
 *
 * @param participants current participants in join order, including this client
 * @param departed     participants who left since this client joined, with when and why
 * @param securityCode the meeting security code over everyone's chat keys (5 groups of 4 digits), which all
 *                     participants see alike unless someone (e.g. the server) swapped a key; null before joining
 * @param privacy      how private the media is (privacy code, who is not encrypted); null before joining
 */
public record Roster(String meetingId, int selfId, int hostId, boolean locked, boolean passcodeProtected,
                     List<Attendee> participants, List<Departed> departed, String securityCode,
                     MediaPrivacy privacy) {

    public record Departed(Attendee participant, DepartureReason reason, Instant leftAt) {
    }

    public Roster {
        participants = List.copyOf(participants);
        departed = List.copyOf(departed);
    }

    /** A roster without a security code (made up by a test or a preview, not heard from a server). */
    public Roster(String meetingId, int selfId, int hostId, boolean locked, boolean passcodeProtected,
                  List<Attendee> participants, List<Departed> departed) {
        this(meetingId, selfId, hostId, locked, passcodeProtected, participants, departed, null);
    }

    /** A roster without media privacy figures (made up by a test or a preview). */
    public Roster(String meetingId, int selfId, int hostId, boolean locked, boolean passcodeProtected,
                  List<Attendee> participants, List<Departed> departed, String securityCode) {
        this(meetingId, selfId, hostId, locked, passcodeProtected, participants, departed, securityCode, null);
    }

    static Roster empty() {
        return new Roster(null, 0, 0, false, false, List.of(), List.of());
    }

    Roster withJoined(Attendee participant) {
        return withParticipants(append(participants, participant), departed);
    }

    Roster withUpdated(Attendee updated) {
        return withParticipants(participants.stream().map(p -> p.id() == updated.id() ? updated : p).toList(), departed);
    }

    /** Moves the participant to the departed list; unchanged when it is not in the roster. */
    Roster withLeft(Departed departure) {
        int id = departure.participant().id();
        return withParticipants(participants.stream().filter(p -> p.id() != id).toList(), append(departed, departure));
    }

    Roster withMeetingState(boolean nowLocked, int nowHostId) {
        return new Roster(meetingId, selfId, nowHostId, nowLocked, passcodeProtected, participants, departed,
                securityCode, privacy);
    }

    Roster withCodes(String code, MediaPrivacy mediaPrivacy) {
        return new Roster(meetingId, selfId, hostId, locked, passcodeProtected, participants, departed, code,
                mediaPrivacy);
    }

    private Roster withParticipants(List<Attendee> nowPresent, List<Departed> nowDeparted) {
        return new Roster(meetingId, selfId, hostId, locked, passcodeProtected, nowPresent, nowDeparted, securityCode,
                privacy);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    public Optional<Attendee> find(int participantId) {
        return participants.stream().filter(p -> p.id() == participantId).findFirst();
    }

    /**
     * The name to show for {@code participant}: its display name, with " #id" added while someone else in the
     * meeting has the same name (see {@link SameNameLabels}), so a newcomer cannot pass for someone present.
     */
    public String label(Attendee participant) {
        return SameNameLabels.label(participant, participants);
    }

    /** This client's own entry, if it is in the meeting. */
    public Optional<Attendee> self() {
        return find(selfId);
    }

    public boolean selfIsHost() {
        return selfId != 0 && selfId == hostId;
    }
}
