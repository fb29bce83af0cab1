package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the poll panel asks of the meeting; every call returns at once. {@link #of} adapts a real session. */
public interface PollCommands {
    void launch(PollDraft draft);

    void vote(int pollId, List<Integer> choices);

    void end(int pollId);

    void share(int pollId, List<Integer> totals);

    /** Saves the results of {@code poll} (host or co-host) and returns the file; runs on the caller's thread. */
    Path save(Poll poll) throws IOException;

    /** @param saver writes a poll's results for the meeting this session is in */
    static PollCommands of(MeetingSession session, Saver saver) {
        return new PollCommands() {
            @Override
            public void launch(PollDraft draft) {
                session.launchPoll(draft);
            }

            @Override
            public void vote(int pollId, List<Integer> choices) {
                session.vote(pollId, choices);
            }

            @Override
            public void end(int pollId) {
                session.endPoll(pollId);
            }

            @Override
            public void share(int pollId, List<Integer> totals) {
                session.sharePollResults(pollId, totals);
            }

            @Override
            public Path save(Poll poll) throws IOException {
                return saver.save(session.roster().meetingId(), poll);
            }
        };
    }

    /** Writes a poll's results (e.g. {@code PollResultsStore::save} with the time). */
    interface Saver {
        Path save(String meetingId, Poll poll) throws IOException;
    }
}
