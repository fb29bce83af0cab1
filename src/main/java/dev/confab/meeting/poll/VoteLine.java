package dev.confab.meeting.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clear text of a vote, before it is sealed for the moderators: {@code confab-poll-vote-v1\n<pollId>\n<i,j,...>}
 * (0-based choices, ascending). Naming the poll inside the seal keeps the server from moving a vote to another poll.
 */
public final class VoteLine {

    public static final String PREFIX = "confab-poll-vote-v1";

    private VoteLine() {
    }

    public static String encode(int pollId, List<Integer> choices) {
        return PREFIX + "\n" + pollId + "\n" + String.join(",", choices.stream().sorted().map(String::valueOf).toList());
    }

    /** The choices of a vote for {@code pollId} among {@code choiceCount}; empty when the text is not such a vote. */
    public static Optional<List<Integer>> decode(String text, int pollId, int choiceCount, boolean multiple) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 3 || !PREFIX.equals(lines[0]) || !String.valueOf(pollId).equals(lines[1])) {
            return Optional.empty();
        }
        List<Integer> picked = new ArrayList<>();
        try {
            for (String part : lines[2].split(",", -1)) {
                int choice = Integer.parseInt(part);
                if (choice < 0 || choice >= choiceCount || picked.contains(choice)) {
                    return Optional.empty();
                }
                picked.add(choice);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return picked.isEmpty() || (!multiple && picked.size() > 1) ? Optional.empty() : Optional.of(List.copyOf(picked));
    }
}
