package dev.confab.ui.meeting;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;

import java.nio.file.Path;
import java.util.List;

/** Poll commands that note each request in {@code asked} ("vote 4 [1]", "end 1"...) and each launched draft. */
record RecordingPollCommands(List<String> asked, List<PollDraft> launched) implements PollCommands {

    @Override
    public void launch(PollDraft draft) {
        launched.add(draft);
    }

    @Override
    public void vote(int pollId, List<Integer> choices) {
        asked.add("vote " + pollId + " " + choices);
    }

    @Override
    public void end(int pollId) {
        asked.add("end " + pollId);
    }

    @Override
    public void share(int pollId, List<Integer> totals) {
        asked.add("share " + pollId + " " + totals);
    }

    @Override
    public Path save(Poll poll) {
        return Path.of("poll-" + poll.id() + ".csv");
    }
}
