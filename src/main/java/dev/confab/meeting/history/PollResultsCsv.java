package dev.confab.meeting.history;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollResults;

import java.util.List;

/**
 * A poll's results as CSV (RFC 4180, like {@link HistoryCsv}): one row per choice with its votes and the voters'
 * names, in the poll's order. Only a host or co-host has them.
 */
public final class PollResultsCsv {
    static final List<String> HEADER = List.of("meeting_id", "question", "choice", "votes", "voters");

    private PollResultsCsv() {
    }

    /** @throws IllegalArgumentException when this user does not have the poll's results */
    public static String of(String meetingId, Poll poll) {
        if (poll.results() == null) {
            throw new IllegalArgumentException("Only the host and co-hosts have the results of poll " + poll.id());
        }
        StringBuilder out = new StringBuilder();
        HistoryCsv.row(out, HEADER);
        for (PollResults.Choice choice : poll.results().choices()) {
            HistoryCsv.row(out, List.of(meetingId, poll.question(), choice.text(), String.valueOf(choice.count()),
                    String.join("; ", choice.voters())));
        }
        return out.toString();
    }
}
