package dev.confab.protocol;

import java.util.List;

/** The bounds of a poll ({@code poll_launch}), checked by the server and by the poll editor alike. */
public final class PollRules {

    public static final int MAX_QUESTION_CHARS = 200;
    public static final int MIN_CHOICES = 2;
    public static final int MAX_CHOICES = 10;
    public static final int MAX_CHOICE_CHARS = 100;
    /** A vote is a few dozen bytes sealed for at most every participant: a chat envelope's bound is plenty. */
    public static final int MAX_VOTE_PAYLOAD_CHARS = 49_152;

    private PollRules() {
    }

    /** What is wrong with this poll, in the words of an {@code error} message; null when it may be launched. */
    public static String problem(String question, List<String> choices) {
        if (question == null || question.isBlank() || question.codePointCount(0, question.length()) > MAX_QUESTION_CHARS) {
            return "field \"question\" must be 1 to " + MAX_QUESTION_CHARS + " characters";
        }
        if (choices == null || choices.size() < MIN_CHOICES || choices.size() > MAX_CHOICES) {
            return "field \"choices\" must list " + MIN_CHOICES + " to " + MAX_CHOICES + " choices";
        }
        for (int i = 0; i < choices.size(); i++) {
            String choice = choices.get(i);
            if (choice == null || choice.isBlank() || choice.codePointCount(0, choice.length()) > MAX_CHOICE_CHARS) {
                return "field \"choices[" + i + "]\" must be 1 to " + MAX_CHOICE_CHARS + " characters";
            }
        }
        if (choices.stream().map(String::strip).distinct().count() != choices.size()) {
            return "field \"choices\" must not repeat a choice";
        }
        return null;
    }
}
