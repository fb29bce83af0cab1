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
    private Recorder adaEvents;
    private Recorder graceEvents;
    private Recorder linEvents;
    private MeetingSession ada;
    private MeetingSession grace;
    private MeetingSession lin;

    @BeforeEach
    void meetingOfThree() throws Exception {
        meeting = new ThreeSessions();
        adaEvents = meeting.adaEvents;
        graceEvents = meeting.graceEvents;
        linEvents = meeting.linEvents;
        ada = meeting.ada;
        grace = meeting.grace;
        lin = meeting.lin;
    }

    @AfterEach
    void stop() {
        meeting.close();
    }

    @Test
    void theHostSeesWhoChoseWhatTheOthersOnlyTheSharedTotals() {
        grace.launchPoll(new PollDraft("Tea or coffee?", List.of("Tea", "Coffee"), false));
        await().atMost(WAIT).until(() -> graceEvents.refusedRequests.contains("poll_launch NOT_HOST"));

        ada.launchPoll(PollDraft.parse("Which days suit you?|Monday|Tuesday|Friday", true));
        await().atMost(WAIT).until(() -> grace.poll() != null && lin.poll() != null && ada.poll() != null);
        int pollId = ada.poll().id();
        assertThat(grace.poll().launchedBy()).isEqualTo("Ada");
        assertThat(grace.poll().results()).as("a participant sees no votes").isNull();

        grace.vote(pollId, List.of(0, 2));
        lin.vote(pollId, List.of(2));
        ada.vote(pollId, List.of(1));
        await().atMost(WAIT).until(() -> ada.poll().results() != null && ada.poll().results().totals().equals(List.of(1, 1, 2)));
        List<PollResults.Choice> choices = ada.poll().results().choices();
        assertThat(choices.get(0).voters()).containsExactly("Grace");
        assertThat(choices.get(1).voters()).containsExactly("Ada");
        assertThat(choices.get(2).voters()).containsExactlyInAnyOrder("Grace", "Lin"); // in the order they arrived
        await().atMost(WAIT).until(() -> grace.poll().voters() == 3);
        assertThat(grace.poll().ownVote()).containsExactly(0, 2);
        assertThat(grace.poll().results()).isNull();

        ada.endPoll(pollId);
        await().atMost(WAIT).until(() -> !lin.poll().open());
        lin.vote(pollId, List.of(0)); // refused on this side: the poll is closed
        ada.sharePollResults(pollId, ada.poll().results().totals());
        await().atMost(WAIT).until(() -> lin.poll().sharedTotals() != null);
        Poll seen = lin.poll();
        assertThat(seen.sharedTotals()).containsExactly(1, 1, 2);
        assertThat(seen.ownVote()).containsExactly(2);
        assertThat(seen.results()).isNull();
        assertThat(adaEvents.refusedRequests).isEmpty();
    }
}
