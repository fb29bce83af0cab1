package dev.confab.meeting;

import dev.confab.protocol.Reactions;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Raised hands and reactions through real sessions on a loopback server. */
@IntegrationTest
class HandsAndReactionsSessionTest {

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
    void handsQueueInOrderForEveryoneAndTheHostLowersThem() {
        int graceId = grace.roster().selfId();
        int linId = lin.roster().selfId();
        lin.raiseHand(true);
        await().atMost(WAIT).until(() -> ada.raisedHands().equals(List.of(linId)));
        grace.raiseHand(true);
        await().atMost(WAIT).until(() -> linEvents.hands.get().equals(List.of(linId, graceId)));
        assertThat(ada.raisedHands()).containsExactly(linId, graceId);

        grace.lowerHand(linId); // not a moderator
        await().atMost(WAIT).until(() -> graceEvents.refusedRequests.contains("lower_hands NOT_HOST"));
        assertThat(ada.raisedHands()).containsExactly(linId, graceId);

        ada.lowerHand(linId);
        await().atMost(WAIT).until(() -> graceEvents.hands.get().equals(List.of(graceId)));
        ada.lowerAllHands();
        await().atMost(WAIT).until(() -> linEvents.hands.get().isEmpty() && grace.raisedHands().isEmpty());
    }

    @Test
    void aReactionReachesEveryoneAndAFloodIsRefusedToTheSender() {
        int graceId = grace.roster().selfId();
        String clap = Reactions.ALLOWED.get(1);
        grace.react(clap);
        await().atMost(WAIT).until(() -> adaEvents.reactions.contains(graceId + " " + clap)
                && graceEvents.reactions.contains(graceId + " " + clap));

        for (int i = 0; i < 8; i++) {
            grace.react(clap);
        }
        await().atMost(WAIT).until(() -> graceEvents.refusedRequests.contains("react RATE_LIMITED"));
        assertThat(adaEvents.refusedRequests).isEmpty();
    }
}
