package dev.confab.server;

import dev.confab.protocol.ServerMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people waiting to be let into one meeting, in arrival order, and whether joiners wait at all. Waiting people
 * are not members: nothing the meeting relays (media, chat, roster, annotations, keys) can reach them. Guarded by
 * the owning meeting's lock.
 */
final class WaitingRoom {

    /** One person waiting, with what it asked to join as; {@code id} is a waiting id, not a participant id. */
    record Seat(int id, String displayName, String chatKey, ClientConnection connection, Meeting meeting,
                Instant since) {
        ServerMessage.WaitingPerson view() {
            return new ServerMessage.WaitingPerson(id, displayName, since);
        }
    }

    private final Map<Integer, Seat> seats = new LinkedHashMap<>();
    private int nextId = 1;
    private boolean enabled;

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean value) {
        enabled = value;
    }

    Seat add(String displayName, String chatKey, ClientConnection connection, Meeting meeting, Instant now) {
        Seat seat = new Seat(nextId++, displayName, chatKey, connection, meeting, now);
        seats.put(seat.id(), seat);
        return seat;
    }

    Optional<Seat> take(int id) {
        return Optional.ofNullable(seats.remove(id));
    }

    /** Everyone waiting, oldest first; the room is empty afterwards. */
    List<Seat> takeAll() {
        List<Seat> all = new ArrayList<>(seats.values());
        seats.clear();
        return all;
    }

    /** The one waiting longest, taken out of the room. */
    Optional<Seat> takeFirst() {
        return seats.values().stream().findFirst().map(first -> seats.remove(first.id()));
    }

    /** Puts seats taken out (and not let in after all) back in front of those waiting, in their order. */
    void putBack(List<Seat> taken) {
        Map<Integer, Seat> rest = new LinkedHashMap<>(seats);
        seats.clear();
        taken.forEach(seat -> seats.put(seat.id(), seat));
        seats.putAll(rest);
    }

    /** False when the seat was no longer here (admitted or denied meanwhile). */
    boolean remove(Seat seat) {
        return seats.remove(seat.id(), seat);
    }

    int size() {
        return seats.size();
    }

    boolean isEmpty() {
        return seats.isEmpty();
    }

    /** What moderators are told: everyone waiting now. */
    ServerMessage.WaitingRoom message() {
        return new ServerMessage.WaitingRoom(seats.values().stream().map(Seat::view).toList());
    }
}
