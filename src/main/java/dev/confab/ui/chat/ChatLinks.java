package dev.confab.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits message text into plain runs and http(s) links. Nothing else in the text has any meaning. */
final class ChatLinks {

    /** A run of the text: a link when {@code link} is true. */
    record Run(String text, boolean link) {
    }

    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}'";

    private ChatLinks() {
    }

    static List<Run> split(String text) {
        List<Run> runs = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            int end = m.end();
            // "see https://example.org." — the final period belongs to the sentence, not the address.
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (m.start() > at) {
                runs.add(new Run(text.substring(at, m.start()), false));
            }
            runs.add(new Run(text.substring(m.start(), end), true));
            at = end;
        }
        if (at < text.length()) {
            runs.add(new Run(text.substring(at), false));
        }
        return runs;
    }
}
