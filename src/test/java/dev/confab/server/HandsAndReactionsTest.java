package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reactions;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.ThreePersonMeeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Raised hands (one queue, kept by the server) and reactions (checked, rate-limited, relayed) over real sockets. */
@IntegrationTest
class HandsAndReactionsTest {

    private static final String THUMBS_UP = Reactions.ALLOWED.getFirst();

    private MeetingServer server;
    private String meetingId;
    private TestClient host;
    private TestClient alice;
    private TestClient bob;
    private int hostId;
    private int aliceId;
    private int bobId;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        ThreePersonMeeting meeting = ThreePersonMeeting.start("Alice", "Bob");
        server = meeting.server();
        meetingId = meeting.meetingId();
        host = meeting.host();
        hostId = meeting.hostId();
        alice = meeting.first();
        aliceId = meeting.firstId();
        bob = meeting.second();
        bobId = meeting.secondId();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void everyoneSeesTheHandsInTheOrderTheyWentUpAndLateJoinersToo() throws Exception {
        raise(bob, List.of(bobId));
        raise(host, List.of(bobId, hostId));
        raise(alice, List.of(bobId, hostId, aliceId));

        alice.send(new ClientMessage.RaiseHand(true)); // already up: keeps its place, nobody is told anything
        bob.send(new ClientMessage.RaiseHand(false));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.Hands.class).raised()).containsExactly(hostId, aliceId);
        }

        TestClient late = TestClient.greeted(server.url());
        late.join(meetingId, "Late", null);
        assertThat(late.next(ServerMessage.Hands.class).raised()).containsExactly(hostId, aliceId);
        late.close();
    }

    @Test
    void aParticipantCannotLowerSomeoneElsesHandAndTheMeetingCarriesOn() throws Exception {
        raise(alice, List.of(aliceId));

        bob.send(new ClientMessage.LowerHands(aliceId));
        ServerMessage.ErrorMessage error = bob.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_MODERATOR);
        assertThat(error.requestType()).isEqualTo("lower_hands");
        bob.send(new ClientMessage.LowerHands(null));
        assertThat(bob.nextError().code()).isEqualTo(ErrorCode.NOT_MODERATOR);

        raise(bob, List.of(aliceId, bobId)); // Alice's hand is still first, and Bob is still in the meeting
        assertThat(alice.receivesNo(ServerMessage.ErrorMessage.class, 200)).isTrue();
    }

    @Test
    void theHostLowersOneHandOrAll() throws Exception {
        raise(alice, List.of(aliceId));
        raise(bob, List.of(aliceId, bobId));

        host.send(new ClientMessage.LowerHands(aliceId));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.Hands.class).raised()).containsExactly(bobId);
        }
        host.send(new ClientMessage.LowerHands(null));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.Hands.class).raised()).isEmpty();
        }
        host.send(new ClientMessage.LowerHands(999));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);
    }

    @Test
    void aResumedParticipantKeepsItsPlaceAndOneWhoLeavesLosesIt() throws Exception {
        TestClient cleo = TestClient.greeted(server.url());
        ServerMessage.Joined joined = cleo.join(meetingId, "Cleo", null);
        int cleoId = joined.selfId();
        List<TestClient> everyone = List.of(host, alice, bob, cleo);
        raiseAmong(everyone, cleo, List.of(cleoId));
        raiseAmong(everyone, alice, List.of(cleoId, aliceId));

        cleo.closeBlocking(); // connection lost: Cleo may still resume, so her hand stays first
        TestClient cleoAgain = TestClient.greeted(server.url());
        cleoAgain.send(new ClientMessage.Resume(joined.resumeToken()));
        assertThat(cleoAgain.next(ServerMessage.Joined.class).resumed()).isTrue();
        assertThat(cleoAgain.next(ServerMessage.Hands.class).raised()).containsExactly(cleoId, aliceId);

        cleoAgain.send(new ClientMessage.Leave());
        assertThat(host.next(ServerMessage.Hands.class).raised()).containsExactly(aliceId);
        assertThat(bob.next(ServerMessage.Hands.class).raised()).containsExactly(aliceId);
    }

    @Test
    void reactionsReachEveryoneIncludingTheSender() throws Exception {
        alice.send(new ClientMessage.React(THUMBS_UP));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.Reaction.class)).isEqualTo(new ServerMessage.Reaction(aliceId, THUMBS_UP));
        }
    }

    @Test
    void aReactionOutsideTheSetIsRefusedToTheSenderOnly() throws Exception {
        alice.send(new ClientMessage.React("hello everyone"));
        ServerMessage.ErrorMessage error = alice.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.requestType()).isEqualTo("react");
        assertThat(bob.receivesNo(ServerMessage.Reaction.class, 300)).isTrue();
    }

    @Test
    void aFloodOfReactionsIsCutShortWithRateLimitedToTheSenderAlone() throws Exception {
        int sent = 12;
        long started = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            alice.send(new ClientMessage.React(Reactions.ALLOWED.get(i % Reactions.ALLOWED.size())));
        }
        ServerMessage.ErrorMessage error = alice.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.requestType()).isEqualTo("react");

        // Bob sees at most the burst plus what refilled meanwhile, and no error of Alice's.
        alice.send(new ClientMessage.Ping(8L));
        alice.next(ServerMessage.Pong.class); // everything Alice sent was handled (and relayed) before her ping
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        bob.send(new ClientMessage.Ping(7L)); // answered after what was relayed to Bob before
        int relayed = 0;
        ServerMessage message;
        while (!((message = bob.messages.poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)) instanceof ServerMessage.Pong)) {
            assertThat(message).as("Bob's pong").isNotNull();
            assertThat(message).isNotInstanceOf(ServerMessage.ErrorMessage.class);
            relayed += message instanceof ServerMessage.Reaction ? 1 : 0;
        }
        assertThat(relayed).isGreaterThanOrEqualTo(HandControls.REACTION_BURST);
        assertThat(relayed).isLessThanOrEqualTo((int) (HandControls.REACTION_BURST
                + HandControls.REACTIONS_PER_SECOND * seconds)).isLessThan(sent);
    }

    private void raise(TestClient who, List<Integer> expectedQueue) throws InterruptedException {
        raiseAmong(List.of(host, alice, bob), who, expectedQueue);
    }

    private static void raiseAmong(List<TestClient> everyone, TestClient who, List<Integer> expectedQueue)
            throws InterruptedException {
        who.send(new ClientMessage.RaiseHand(true));
        for (TestClient client : everyone) {
            assertThat(client.next(ServerMessage.Hands.class).raised()).containsExactlyElementsOf(expectedQueue);
        }
    }
}
