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

    /**
     * One person waiting, with what it asked to join as; {@code id} is a waiting id, not a participant id.
     * {@code tokenDigest}: the SHA-256 of its wait token in a cluster (null on a server on its own).
     */
    record Seat(int id, String displayName, String chatKey, ClientConnection connection, Meeting meeting,
                Instant since, String tokenDigest) {
        ServerMessage.WaitingPerson view() {
            return new ServerMessage.WaitingPerson(id, displayName, since);
        }

        /** The same place, held by {@code by} with a new token. */
        Seat takenBackBy(ClientConnection by, String newDigest) {
            return new Seat(id, displayName, chatKey, by, meeting, since, newDigest);
        }
    }

    private final Map<Integer, Seat> seats = new LinkedHashMap<>();
    /**
     * Places restored after the meeting moved to this node (cluster takeover), by token digest: their people have
     * not come back yet. Not shown to moderators, not admitted, until taken back ({@link #takeBack}).
     */
    private final Map<String, Seat> awaited = new LinkedHashMap<>();
    private int nextId = 1;
    private boolean enabled;

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean value) {
        enabled = value;
    }

    Seat add(String displayName, String chatKey, ClientConnection connection, Meeting meeting, Instant now,
             String tokenDigest) {
        Seat seat = new Seat(nextId++, displayName, chatKey, connection, meeting, now, tokenDigest);
        seats.put(seat.id(), seat);
        return seat;
    }

    /** The next waiting id to be given (for the cluster's snapshot). */
    int nextId() {
        return nextId;
    }

    /** Everyone waiting, here or still to come back, in waiting-id order (for the cluster's snapshot). */
    List<Seat> everyone() {
        List<Seat> all = new ArrayList<>(seats.values());
        all.addAll(awaited.values());
        all.sort(java.util.Comparator.comparingInt(Seat::id));
        return all;
    }

    /** Cluster takeover: a place whose person has yet to come back (connection null), and the ids to go on from. */
    void await(Seat seat, int nextWaitingId) {
        awaited.put(seat.tokenDigest(), seat);
        nextId = Math.max(nextId, Math.max(nextWaitingId, seat.id() + 1));
    }

    /**
     * The place kept for the wait token with {@code digest}, now held by {@code by} (with a new token's digest),
     * back in its order among those waiting; empty when no such place is awaited.
     */
    Optional<Seat> takeBack(String digest, ClientConnection by, String newDigest) {
        Seat kept = awaited.remove(digest);
        if (kept == null) {
            return Optional.empty();
        }
        Seat seat = kept.takenBackBy(by, newDigest);
        List<Seat> all = new ArrayList<>(seats.values());
        all.add(seat);
        all.sort(java.util.Comparator.comparingInt(Seat::id));
        seats.clear();
        all.forEach(s -> seats.put(s.id(), s));
        return Optional.of(seat);
    }

    /** The places nobody came back for within the resume grace period are given up. */
    void forgetAwaited() {
        awaited.clear();
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
