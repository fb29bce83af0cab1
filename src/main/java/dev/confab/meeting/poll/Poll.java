package dev.confab.meeting.poll;

import java.util.List;
import java.util.Objects;

/**
 * A poll as this participant knows it.
 *
 * @param launchedBy   the moderator who launched it, as the roster labels them
 * @param voters       how many have voted so far (the server counts; nobody else learns who chose what)
 * @param ownVote      this participant's choices (0-based), empty until it votes
 * @param results      who chose what, for the host and co-hosts only (opened from the votes sealed for them); null
 *                     for everyone else
 * @param sharedTotals the totals per choice a moderator shared with everyone, or null
 */
public record Poll(int id, String question, List<String> choices, boolean multiple, String launchedBy, boolean open,
                   int voters, List<Integer> ownVote, PollResults results, List<Integer> sharedTotals) {

    public Poll {
        Objects.requireNonNull(question, "question");
        choices = List.copyOf(choices);
        ownVote = List.copyOf(ownVote);
        sharedTotals = sharedTotals == null ? null : List.copyOf(sharedTotals);
    }

    public boolean voted() {
        return !ownVote.isEmpty();
    }

    public Poll withOpen(boolean nowOpen, int nowVoters) {
        return new Poll(id, question, choices, multiple, launchedBy, nowOpen, nowVoters, ownVote, results, sharedTotals);
    }

    public Poll withOwnVote(List<Integer> vote) {
        return new Poll(id, question, choices, multiple, launchedBy, open, voters, vote, results, sharedTotals);
    }

    public Poll withResults(PollResults now) {
        return new Poll(id, question, choices, multiple, launchedBy, open, voters, ownVote, now, sharedTotals);
    }

    public Poll withSharedTotals(List<Integer> totals) {
        return new Poll(id, question, choices, multiple, launchedBy, open, voters, ownVote, results, totals);
    }
}
