package dev.confab.meeting;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollResults;
import dev.confab.meeting.poll.VoteLine;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This participant's side of the meeting's poll: follows the server's poll messages, seals its own vote for the
 * moderators present, and, for a moderator, opens the votes sealed for it into {@link PollResults}. Confined to the
 * session's event thread.
 */
final class PollBook {

    /** Seals text for some participants and opens what was sealed for this one (the chat's envelopes). */
    interface Seal {
        /** {@code payload} for {@code recipients} (participant id to chat public key), or null when it cannot. */
        String seal(String text, Map<Integer, String> recipients);

        /** The text {@code from} sealed for this participant, or empty when it does not open. */
        Optional<String> open(int from, String payload);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PollBook.class);

    private final Seal seal;
    private final Consumer<ClientMessage> send;
    private final Consumer<Poll> changed;
    private final Supplier<Roster> roster;
    private Poll current;
    /** Voter id to choices, in arrival order: the votes sealed for this participant (a moderator). */
    private final Map<Integer, List<Integer>> ballots = new LinkedHashMap<>();
    private final Map<Integer, String> voterNames = new LinkedHashMap<>();

    PollBook(Seal seal, Consumer<ClientMessage> send, Consumer<Poll> changed, Supplier<Roster> roster) {
        this.seal = seal;
        this.send = send;
        this.changed = changed;
        this.roster = roster;
    }

    /** The poll as last heard, or null before the first. */
    Poll current() {
        return current;
    }

    /** Handles a poll message from the server; false when {@code message} is not one. */
    boolean handle(ServerMessage message) {
        switch (message) {
            case ServerMessage.PollLaunched launched -> launched(launched);
            case ServerMessage.PollBallot ballot -> ballot(ballot);
            case ServerMessage.PollProgress progress -> update(progress.pollId(), p -> p.withOpen(p.open(), progress.voters()));
            case ServerMessage.PollEnded ended -> update(ended.pollId(), p -> p.withOpen(false, ended.voters()));
            case ServerMessage.PollResults results -> update(results.pollId(), p -> p.withSharedTotals(results.totals()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Votes {@code choices} (0-based) in the open poll, sealed for every moderator present who can open it.
     *
     * @throws IllegalArgumentException when there is no such open poll, it was voted in, or the choices do not fit it
     */
    void vote(int pollId, List<Integer> choices, Map<Integer, String> chatKeys) {
        Poll poll = current;
        if (poll == null || poll.id() != pollId || !poll.open() || poll.voted()) {
            throw new IllegalArgumentException("Poll " + pollId + " is not open for a vote");
        }
        String line = VoteLine.encode(pollId, choices);
        List<Integer> picked = VoteLine.decode(line, pollId, poll.choices().size(), poll.multiple())
                .orElseThrow(() -> new IllegalArgumentException("Choices " + choices + " do not fit poll " + pollId));
        Roster now = roster.get();
        Map<Integer, String> moderators = new LinkedHashMap<>();
        for (Attendee a : now.participants()) {
            if (a.moderates() && a.id() != now.selfId() && chatKeys.get(a.id()) != null) {
                moderators.put(a.id(), chatKeys.get(a.id()));
            }
        }
        String payload = seal.seal(line, moderators);
        if (payload != null) {
            send.accept(new ClientMessage.PollVote(pollId, dev.confab.meeting.chat.ChatWire.ENC, payload));
        }
        current = poll.withOwnVote(picked);
        if (now.self().map(Attendee::moderates).orElse(false)) {
            ballots.put(now.selfId(), picked);
            voterNames.put(now.selfId(), now.self().map(now::label).orElse("#" + now.selfId()));
            current = current.withResults(results(current));
        }
        changed.accept(current);
    }

    private void launched(ServerMessage.PollLaunched launched) {
        if (current != null && current.id() == launched.pollId()) {
            return; // repeated after a resume: keep the vote and the results
        }
        ballots.clear();
        voterNames.clear();
        Roster now = roster.get();
        String by = now.find(launched.launchedBy()).map(now::label).orElse("#" + launched.launchedBy());
        boolean moderator = now.self().map(Attendee::moderates).orElse(false);
        current = new Poll(launched.pollId(), launched.question(), launched.choices(), launched.multiple(), by, true, 0,
                List.of(), null, null);
        if (moderator) {
            current = current.withResults(results(current));
        }
        changed.accept(current);
    }

    private void ballot(ServerMessage.PollBallot ballot) {
        Poll poll = current;
        if (poll == null || poll.id() != ballot.pollId() || ballots.containsKey(ballot.from())) {
            return;
        }
        Optional<List<Integer>> picked = seal.open(ballot.from(), ballot.payload())
                .flatMap(text -> VoteLine.decode(text, poll.id(), poll.choices().size(), poll.multiple()));
        if (picked.isEmpty()) {
            LOG.warn("A vote from participant {} in poll {} could not be opened; not counted", ballot.from(), poll.id());
            return;
        }
        Roster now = roster.get();
        ballots.put(ballot.from(), picked.get());
        voterNames.put(ballot.from(), now.find(ballot.from()).map(now::label).orElse("#" + ballot.from()));
        current = poll.withResults(results(poll));
        changed.accept(current);
    }

    private PollResults results(Poll poll) {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        ballots.forEach((id, picked) -> byName.put(voterNames.get(id), picked));
        return PollResults.of(poll.choices(), byName);
    }

    private void update(int pollId, java.util.function.UnaryOperator<Poll> change) {
        if (current != null && current.id() == pollId) {
            current = change.apply(current);
            changed.accept(current);
        }
    }
}
