package dev.confab.ui.lobby;

import javafx.scene.control.TextFormatter;

import java.util.function.UnaryOperator;

/** Meeting IDs are ten digits, shown grouped "123 456 7890" so people can read them out. */
public final class MeetingIds {
    private MeetingIds() {
    }

    public static String digitsOf(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
        return digits.toString();
    }

    /** Groups up to ten digits as 3-3-4: "1234" → "123 4", "1234567890" → "123 456 7890". */
    public static String group(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i == 3 || i == 6) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /**
     * A text formatter that accepts typed or pasted digits in any layout ("123-456-7890", "123 456 7890"),
     * drops everything else, caps at ten digits and keeps the grouping and caret position right.
     */
    public static TextFormatter<String> formatter() {
        UnaryOperator<TextFormatter.Change> filter = change -> {
            if (!change.isContentChange()) {
                return change;
            }
            String proposed = change.getControlNewText();
            String digits = digitsOf(proposed);
            if (digits.length() > LobbyValidation.MEETING_ID_DIGITS) {
                digits = digits.substring(0, LobbyValidation.MEETING_ID_DIGITS);
            }
            int digitsBeforeCaret = Math.min(digits.length(),
                    digitsOf(proposed.substring(0, Math.min(change.getCaretPosition(), proposed.length()))).length());
            // Deleting only a group separator would be undone by regrouping: delete the neighbouring digit
            // instead, the one before it for Backspace, the one after it for Delete.
            String old = change.getControlText();
            if (change.isDeleted() && !change.isAdded() && digitsOf(old).equals(digits)) {
                boolean backspace = change.getControlCaretPosition() > change.getRangeStart();
                if (backspace && digitsBeforeCaret > 0) {
                    digits = digits.substring(0, digitsBeforeCaret - 1) + digits.substring(digitsBeforeCaret);
                    digitsBeforeCaret--;
                } else if (!backspace && digitsBeforeCaret < digits.length()) {
                    digits = digits.substring(0, digitsBeforeCaret) + digits.substring(digitsBeforeCaret + 1);
                }
            }
            String grouped = group(digits);
            change.setRange(0, old.length());
            change.setText(grouped);
            int caret = caretFor(grouped, digitsBeforeCaret);
            change.selectRange(caret, caret);
            return change;
        };
        return new TextFormatter<>(filter);
    }

    private static int caretFor(String grouped, int digitsBefore) {
        int seen = 0;
        for (int i = 0; i < grouped.length(); i++) {
            if (seen == digitsBefore) {
                return i;
            }
            if (Character.isDigit(grouped.charAt(i))) {
                seen++;
            }
        }
        return grouped.length();
    }
}
