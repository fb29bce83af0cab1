package dev.confab.meeting.poll;

import dev.confab.protocol.PollRules;

import java.util.List;
import java.util.Objects;

/** A poll as a moderator writes it, before launching: the question, its choices, and whether several may be picked. */
public record PollDraft(String question, List<String> choices, boolean multiple) {

    public static final int MIN_CHOICES = PollRules.MIN_CHOICES;
    public static final int MAX_CHOICES = PollRules.MAX_CHOICES;

    public PollDraft {
        Objects.requireNonNull(question, "question");
        choices = List.copyOf(choices);
    }

    /** Why the server would refuse it (English, for logs), or null when it can be launched. */
    public String problem() {
        return PollRules.problem(question, choices);
    }

    /**
     * The bot's and the command line's form: {@code "Question|Choice A|Choice B"}.
     *
     * @throws IllegalArgumentException when it has no question or fewer than two choices
     */
    public static PollDraft parse(String spec, boolean multiple) {
        List<String> parts = List.of(spec.split("\\|", -1)).stream().map(String::strip).toList();
        PollDraft draft = new PollDraft(parts.getFirst(), parts.subList(1, parts.size()), multiple);
        String problem = draft.problem();
        if (problem != null) {
            throw new IllegalArgumentException("\"Question|Choice A|Choice B\": " + problem);
        }
        return draft;
    }
}
