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

    @BeforeEach
    void meetingOfThree() throws Exception {
        meeting = new ThreeSessions();
    }

    @AfterEach
    void stop() {
        meeting.close();
    }

    @Test
    void handsQueueInOrderForEveryoneAndTheHostLowersThem() {
        int graceId = meeting.grace.roster().selfId();
        int linId = meeting.lin.roster().selfId();
        meeting.lin.raiseHand(true);
        await().atMost(WAIT).until(() -> meeting.ada.raisedHands().equals(List.of(linId)));
        meeting.grace.raiseHand(true);
        await().atMost(WAIT).until(() -> meeting.linEvents.hands.get().equals(List.of(linId, graceId)));
        assertThat(meeting.ada.raisedHands()).containsExactly(linId, graceId);

        meeting.grace.lowerHand(linId); // not a moderator
        await().atMost(WAIT).until(() -> meeting.graceEvents.refusedRequests.contains("lower_hands NOT_MODERATOR"));
        assertThat(meeting.ada.raisedHands()).containsExactly(linId, graceId);

        meeting.ada.lowerHand(linId);
        await().atMost(WAIT).until(() -> meeting.graceEvents.hands.get().equals(List.of(graceId)));
        meeting.ada.lowerAllHands();
        await().atMost(WAIT).until(() -> meeting.linEvents.hands.get().isEmpty() && meeting.grace.raisedHands().isEmpty());
    }

    @Test
    void aReactionReachesEveryoneAndAFloodIsRefusedToTheSender() {
        int graceId = meeting.grace.roster().selfId();
        String clap = Reactions.ALLOWED.get(1);
        meeting.grace.react(clap);
        await().atMost(WAIT).until(() -> meeting.adaEvents.reactions.contains(graceId + " " + clap)
                && meeting.graceEvents.reactions.contains(graceId + " " + clap));

        for (int i = 0; i < 8; i++) {
            meeting.grace.react(clap);
        }
        await().atMost(WAIT).until(() -> meeting.graceEvents.refusedRequests.contains("react RATE_LIMITED"));
        assertThat(meeting.adaEvents.refusedRequests).isEmpty();
    }
}
