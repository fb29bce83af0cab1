package dev.confab.meeting;

import dev.confab.protocol.Reactions;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Raised hands and reactions through real sessions on a loopback server. */
@IntegrationTest
class HandsAndReactionsSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeetingServer server;
    private final List<MeetingSession> sessions = new ArrayList<>();
    private final Recorder adaEvents = new Recorder();
    private final Recorder graceEvents = new Recorder();
    private final Recorder linEvents = new Recorder();
    private MeetingSession ada;
    private MeetingSession grace;
    private MeetingSession lin;

    @BeforeEach
    void meetingOfThree() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = session("Ada", adaEvents);
        ada.createMeeting(null);
        await().atMost(WAIT).until(adaEvents::inMeeting);
        grace = session("Grace", graceEvents);
        grace.join(ada.roster().meetingId(), null);
        lin = session("Lin", linEvents);
        lin.join(ada.roster().meetingId(), null);
        await().atMost(WAIT).until(() -> ada.roster().participants().size() == 3
                && graceEvents.inMeeting() && linEvents.inMeeting());
    }

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        server.stop();
    }

    private MeetingSession session(String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()),
                recorder);
        sessions.add(session);
        return session;
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
