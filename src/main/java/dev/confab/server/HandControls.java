package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reactions;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Raised hands and reactions. The server keeps the hand queue (first raised first), so everyone sees the same
 * order; a member who is away and may still resume keeps its place, one who leaves loses it. Reactions are not
 * kept: they are checked against {@link Reactions#ALLOWED}, rate-limited per member, and relayed to everyone.
 */
final class HandControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    /** One reaction a second on average with bursts of three: enough for applause, not for a flood of tiles. */
    static final int REACTIONS_PER_SECOND = 1;
    static final int REACTION_BURST = 3;

    void raise(ClientConnection connection, ClientMessage.RaiseHand raise) {
        Member member = connection.memberOrError("raise_hand");
        if (member == null) {
            return;
        }
        Meeting meeting = member.meeting;
        synchronized (meeting) {
            boolean changed = raise.raised() ? meeting.raisedHands.add(member.id) : meeting.raisedHands.remove(member.id);
            if (changed) {
                announce(meeting);
            }
        }
    }

    /** Moderators lower one hand or all; lowering a hand that is not raised changes nothing and is not an error. */
    void lower(ClientConnection connection, ClientMessage.LowerHands lower) {
        Member moderator = HostControls.requireModerator(connection, "lower_hands");
        if (moderator == null) {
            return;
        }
        Meeting meeting = moderator.meeting;
        synchronized (meeting) {
            boolean changed;
            if (lower.participantId() == null) {
                changed = !meeting.raisedHands.isEmpty();
                meeting.raisedHands.clear();
            } else if (meeting.member(lower.participantId()).isEmpty()) {
                connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "No participant " + lower.participantId()
                        + " in this meeting", "lower_hands");
                return;
            } else {
                changed = meeting.raisedHands.remove(lower.participantId());
            }
            if (changed) {
                announce(meeting);
            }
        }
        LOG.info("event=hands_lowered meeting={} by={} target={}", meeting.id, moderator.id,
                lower.participantId() == null ? "all" : lower.participantId());
    }

    void react(ClientConnection connection, ClientMessage.React react) {
        Member member = connection.memberOrError("react");
        if (member == null) {
            return;
        }
        if (!Reactions.allowed(react.emoji())) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'emoji' must be one of " + String.join(" ", Reactions.ALLOWED),
                    "react");
            return;
        }
        if (!member.reactionRate.tryTake(1)) {
            connection.sendError(ErrorCode.RATE_LIMITED, "More than " + REACTION_BURST + " reactions in a row; wait a "
                    + "second before the next", "react");
            return;
        }
        member.meeting.broadcast(new ServerMessage.Reaction(member.id, react.emoji()), null);
    }

    /**
     * Tells a connection the hand queue: always after a resume (it may have changed meanwhile), after a join only
     * when someone's hand is up.
     */
    void greet(ClientConnection connection, boolean resumed) {
        Member member = connection.member();
        if (member == null) {
            return;
        }
        synchronized (member.meeting) {
            if (resumed || !member.meeting.raisedHands.isEmpty()) {
                connection.send(queue(member.meeting));
            }
        }
    }

    /** A member left for good: its hand comes down. Caller holds the meeting's lock. */
    static void departed(Member member) {
        if (member.meeting.raisedHands.remove(member.id)) {
            announce(member.meeting);
        }
    }

    private static void announce(Meeting meeting) {
        meeting.broadcast(queue(meeting), null);
        meeting.changed();
    }

    private static ServerMessage.Hands queue(Meeting meeting) {
        return new ServerMessage.Hands(List.copyOf(meeting.raisedHands));
    }
}
