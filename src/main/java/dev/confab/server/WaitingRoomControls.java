package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The waiting room (docs/protocol.md section 6.8): joiners wait while it is on, moderators admit or deny them, and
 * whoever waits learns nothing of the meeting until admitted. A waiting person holds no resume token: if its
 * connection drops it is simply out of the queue, and joins (and waits) again. Only when the meeting moves to
 * another node of a cluster does a place outlive its connection: cluster nodes give each waiting person a wait
 * token, the place goes into the meeting's snapshot, and the node that takes the meeting over keeps it for the
 * person's {@code join} with that token ({@link #takeBack}).
 */
final class WaitingRoomControls {

    /** Makes a connection a member of the meeting, as a join would. Called with the meeting's lock held. */
    interface Entrance {
        void enter(ClientConnection connection, Meeting meeting, String displayName, String chatKey);
    }

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    private final Clock clock;
    private final int capacity;
    private final Entrance entrance;
    private final java.util.function.Supplier<String> tokens;
    /** A cluster node: waiting people get wait tokens. */
    private volatile boolean keepsPlaces;

    /**
     * @param capacity the most people admitted members and waiting people may each count (the meeting's limit)
     * @param tokens   fresh secret tokens (wait tokens, as resume tokens)
     */
    WaitingRoomControls(Clock clock, int capacity, Entrance entrance, java.util.function.Supplier<String> tokens) {
        this.clock = clock;
        this.capacity = capacity;
        this.entrance = entrance;
        this.tokens = tokens;
    }

    /** This server became a node of a cluster: a waiting place can move with its meeting. */
    void keepPlaces() {
        keepsPlaces = true;
    }

    /** Whether a join must wait: the room is on and someone is in the meeting to admit it. Caller holds the lock. */
    static boolean mustWait(Meeting meeting) {
        return meeting.waitingRoom.enabled() && !meeting.isEmpty();
    }

    /** Seats a joiner in the waiting room and tells the moderators. Caller holds the meeting's lock. */
    void seat(ClientConnection connection, Meeting meeting, String displayName, String chatKey) {
        if (meeting.waitingRoom.size() >= capacity) {
            connection.sendError(ErrorCode.MEETING_FULL, "The waiting room is full (" + capacity + " people)", "join");
            return;
        }
        String token = keepsPlaces ? tokens.get() : null;
        WaitingRoom.Seat seat = meeting.waitingRoom.add(displayName, chatKey, connection, meeting, clock.instant(),
                token == null ? null : ResumeDigest.of(token));
        connection.waitingSeat(seat);
        connection.send(new ServerMessage.Waiting(meeting.id, token));
        announce(meeting);
        LOG.info("event=waiting meeting={} waiting={} conn={}", meeting.id, seat.id(), connection);
    }

    /**
     * A {@code join} with a wait token after the meeting moved here: the person takes its place back (same waiting
     * id, same place in the queue, a new token) and the moderators see it again; when the room no longer makes
     * anyone wait, it comes straight in. False when no place is kept for this token (the join goes on as any
     * other). Caller holds the meeting's lock.
     */
    boolean takeBack(ClientConnection connection, Meeting meeting, String waitToken) {
        String token = tokens.get();
        WaitingRoom.Seat seat = meeting.waitingRoom.takeBack(ResumeDigest.of(waitToken), connection,
                ResumeDigest.of(token)).orElse(null);
        if (seat == null) {
            return false;
        }
        LOG.info("event=waiting_taken_back meeting={} waiting={} conn={}", meeting.id, seat.id(), connection);
        if (!mustWait(meeting)) {
            meeting.waitingRoom.remove(seat);
            admitInOrder(null, meeting, List.of(seat));
            return true;
        }
        connection.waitingSeat(seat);
        connection.send(new ServerMessage.Waiting(meeting.id, token));
        announce(meeting);
        return true;
    }

    /** Tells the moderators who waits now, and the cluster that the meeting changed. Caller holds the lock. */
    private static void announce(Meeting meeting) {
        meeting.broadcastToModerators(meeting.waitingRoom.message());
        meeting.changed();
    }

    /** Moderator: turns the room on or off; off lets everyone waiting in (nobody would admit them any more). */
    void setEnabled(ClientConnection connection, ClientMessage.SetWaitingRoom request) {
        Meeting meeting = HostControls.changeSetting(connection, "set_waiting_room",
                m -> m.waitingRoom.enabled(request.enabled()));
        if (meeting == null) {
            return;
        }
        synchronized (meeting) {
            if (!meeting.waitingRoom.enabled() && !meeting.waitingRoom.isEmpty()) {
                admitInOrder(connection, meeting, meeting.waitingRoom.takeAll());
            }
        }
        LOG.info("event=waiting_room meeting={} enabled={}", meeting.id, request.enabled());
    }

    /** Moderator: one person ({@code waitingId}) or, when null, everyone waiting, oldest first. */
    void admit(ClientConnection connection, ClientMessage.Admit request) {
        Integer id = request.waitingId();
        onSeats(connection, "admit", id, (meeting, seats) -> admitInOrder(connection, meeting, seats));
    }

    /** Moderator: turns one person away; it is told DENIED and disconnected. */
    void deny(ClientConnection connection, ClientMessage.Deny request) {
        onSeats(connection, "deny", request.waitingId(), (meeting, seats) -> {
            dismiss(seats.getFirst(), LeaveReason.DENIED, "Denied by the host");
            announce(meeting);
            LOG.info("event=denied meeting={} waiting={}", meeting.id, request.waitingId());
        });
    }

    /**
     * Under the meeting's lock, takes the seat {@code waitingId} (null: every seat) out of the sender's meeting and
     * hands it to {@code action}; refuses a sender who does not moderate (NOT_MODERATOR) or a seat nobody holds
     * (NOT_WAITING).
     */
    private static void onSeats(ClientConnection connection, String type, Integer waitingId,
                                java.util.function.BiConsumer<Meeting, List<WaitingRoom.Seat>> action) {
        Member moderator = HostControls.requireModerator(connection, type);
        if (moderator == null) {
            return;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            if (waitingId == null) {
                action.accept(meeting, meeting.waitingRoom.takeAll());
                return;
            }
            WaitingRoom.Seat seat = meeting.waitingRoom.take(waitingId).orElse(null);
            if (seat == null) {
                connection.sendError(ErrorCode.NOT_WAITING, "Nobody with waiting id " + waitingId + " is waiting", type);
            } else {
                action.accept(meeting, List.of(seat));
            }
        }
    }

    /**
     * The waiting connection left ({@code leave}) or dropped: out of the queue, moderators told. False when it was
     * not waiting.
     */
    boolean left(ClientConnection connection) {
        WaitingRoom.Seat seat = connection.waitingSeat();
        if (seat == null) {
            return false;
        }
        Meeting meeting = seat.meeting();
        synchronized (meeting) {
            connection.waitingSeat(null);
            if (meeting.waitingRoom.remove(seat)) {
                announce(meeting);
                LOG.info("event=stopped_waiting meeting={} waiting={}", meeting.id, seat.id());
            }
        }
        return true;
    }

    /** A member just became a moderator (joined as host, resumed, promoted): it learns who waits. Holds the lock. */
    static void greet(Member member) {
        ClientConnection connection = member.connection();
        if (connection != null && member.moderates() && !member.meeting.waitingRoom.isEmpty()) {
            connection.send(member.meeting.waitingRoom.message());
        }
    }

    /**
     * The last member left while people wait: nobody is left to admit them, so the first one in is let in (and,
     * as anyone entering an empty meeting, becomes host); the others keep waiting for it. Holds the lock.
     */
    void meetingEmptied(Meeting meeting) {
        meeting.waitingRoom.takeFirst().ifPresent(first -> admitInOrder(null, meeting, List.of(first)));
    }

    /** Tells every waiting person {@code reason} and disconnects it (the meeting ended). Holds the lock. */
    static void dismissAll(Meeting meeting, LeaveReason reason) {
        meeting.waitingRoom.takeAll().forEach(seat -> dismiss(seat, reason, "Meeting ended"));
    }

    private static void dismiss(WaitingRoom.Seat seat, LeaveReason reason, String closeReason) {
        ClientConnection connection = seat.connection();
        connection.waitingSeat(null);
        connection.send(new ServerMessage.MeetingLeft(reason));
        connection.close(1000, closeReason);
    }

    /**
     * Lets {@code seats} in, oldest first, while the meeting has room; the rest go back to the front of the queue and
     * {@code moderator} (null: nobody asked) is told MEETING_FULL. Caller holds the meeting's lock.
     */
    private void admitInOrder(ClientConnection moderator, Meeting meeting, List<WaitingRoom.Seat> seats) {
        int admitted = 0;
        for (WaitingRoom.Seat seat : seats) {
            if (meeting.size() >= capacity || meeting.idsExhausted()) {
                break;
            }
            seat.connection().waitingSeat(null);
            if (seat.connection().isOpen()) {
                entrance.enter(seat.connection(), meeting, seat.displayName(), seat.chatKey());
                LOG.info("event=admitted meeting={} waiting={}", meeting.id, seat.id());
            }
            admitted++;
        }
        List<WaitingRoom.Seat> left = seats.subList(admitted, seats.size());
        if (!left.isEmpty()) {
            meeting.waitingRoom.putBack(left);
            if (moderator != null) {
                moderator.sendError(ErrorCode.MEETING_FULL, "The meeting is full; " + left.size()
                        + " still waiting", "admit");
            }
        }
        announce(meeting);
    }
}
