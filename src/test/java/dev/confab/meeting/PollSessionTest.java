package dev.confab.meeting;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.meeting.poll.PollResults;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A poll through real sessions: the host sees who chose what, the others only counts, until totals are shared. */
@IntegrationTest
class PollSessionTest {

    private static final Duration WAIT = ThreeSessions.WAIT;

    private ThreeSessions meeting;

    @BeforeEach
    void meetingOfThree() throws Exception {
        meeting = new ThreeSessions();
    }

    @AfterEach
    void stop() {
        meeting.close();
    }

    @Test
    void theHostSeesWhoChoseWhatTheOthersOnlyTheSharedTotals() {
        meeting.grace.launchPoll(new PollDraft("Tea or coffee?", List.of("Tea", "Coffee"), false));
        await().atMost(WAIT).until(() -> meeting.graceEvents.refusedRequests.contains("poll_launch NOT_MODERATOR"));

        meeting.ada.launchPoll(PollDraft.parse("Which days suit you?|Monday|Tuesday|Friday", true));
        await().atMost(WAIT).until(() -> meeting.grace.poll() != null && meeting.lin.poll() != null && meeting.ada.poll() != null);
        int pollId = meeting.ada.poll().id();
        assertThat(meeting.grace.poll().launchedBy()).isEqualTo("Ada");
        assertThat(meeting.grace.poll().results()).as("a participant sees no votes").isNull();

        meeting.grace.vote(pollId, List.of(0, 2));
        meeting.lin.vote(pollId, List.of(2));
        meeting.ada.vote(pollId, List.of(1));
        await().atMost(WAIT).until(() -> meeting.ada.poll().results() != null && meeting.ada.poll().results().totals().equals(List.of(1, 1, 2)));
        List<PollResults.Choice> choices = meeting.ada.poll().results().choices();
        assertThat(choices.get(0).voters()).containsExactly("Grace");
        assertThat(choices.get(1).voters()).containsExactly("Ada");
        assertThat(choices.get(2).voters()).containsExactlyInAnyOrder("Grace", "Lin"); // in the order they arrived
        await().atMost(WAIT).until(() -> meeting.grace.poll().voters() == 3);
        assertThat(meeting.grace.poll().ownVote()).containsExactly(0, 2);
        assertThat(meeting.grace.poll().results()).isNull();

        meeting.ada.endPoll(pollId);
        await().atMost(WAIT).until(() -> !meeting.lin.poll().open());
        meeting.lin.vote(pollId, List.of(0)); // refused on this side: the poll is closed
        meeting.ada.sharePollResults(pollId, meeting.ada.poll().results().totals());
        await().atMost(WAIT).until(() -> meeting.lin.poll().sharedTotals() != null);
        Poll seen = meeting.lin.poll();
        assertThat(seen.sharedTotals()).containsExactly(1, 1, 2);
        assertThat(seen.ownVote()).containsExactly(2);
        assertThat(seen.results()).isNull();
        assertThat(meeting.adaEvents.refusedRequests).isEmpty();
    }
}
