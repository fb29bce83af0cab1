package dev.confab.meeting.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who chose what in one poll, as a moderator opened the votes: per choice, in the poll's order, its count and the
 * voters' names in the order their votes arrived.
 */
public record PollResults(List<Choice> choices) {

    public record Choice(String text, int count, List<String> voters) {
        public Choice {
            voters = List.copyOf(voters);
        }
    }

    public PollResults {
        choices = List.copyOf(choices);
    }

    /** The totals per choice, in the poll's order. */
    public List<Integer> totals() {
        return choices.stream().map(Choice::count).toList();
    }

    /** Results from {@code votes}: voter name to chosen indexes, in arrival order. */
    public static PollResults of(List<String> choiceTexts, Map<String, List<Integer>> votes) {
        Map<Integer, List<String>> byChoice = new LinkedHashMap<>();
        for (int i = 0; i < choiceTexts.size(); i++) {
            byChoice.put(i, new ArrayList<>());
        }
        votes.forEach((voter, picked) -> picked.forEach(i -> byChoice.get(i).add(voter)));
        List<Choice> choices = new ArrayList<>();
        byChoice.forEach((i, voters) -> choices.add(new Choice(choiceTexts.get(i), voters.size(), voters)));
        return new PollResults(choices);
    }
}
