package dev.confab.server;

import dev.confab.meeting.chat.ChatCrypto;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.meeting.poll.VoteLine;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polls over real sockets: only moderators launch, end and share; everyone votes once; a vote reaches the moderators
 * sealed (a chat envelope the test opens with the host's key), nobody else, and the server only counts it.
 */
@IntegrationTest
class PollControlsTest {

    private static final ClientMessage.PollLaunch LUNCH = new ClientMessage.PollLaunch("Where for lunch?",
            List.of("Noodles", "Dumplings", "Salad"), false);

    private final ChatKeyPair hostKeys = ChatKeyPair.generate();
    private final ChatKeyPair aliceKeys = ChatKeyPair.generate();
    private MeetingServer server;
    private String meetingId;
    private TestClient host;
    private TestClient alice;
    private TestClient bob;
    private int hostId;
    private int aliceId;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        server = TestServers.start(TestServers.loopback());
        host = TestClient.greeted(server.url());
        host.send(new ClientMessage.CreateMeeting("Host", null, hostKeys.publicKeyBase64()));
        ServerMessage.Joined created = host.next(ServerMessage.Joined.class);
        meetingId = created.meetingId();
        hostId = created.selfId();
        alice = TestClient.greeted(server.url());
        alice.send(new ClientMessage.Join(meetingId, "Alice", null, aliceKeys.publicKeyBase64()));
        aliceId = alice.next(ServerMessage.Joined.class).selfId();
        bob = TestClient.greeted(server.url());
        bob.join(meetingId, "Bob", null);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aParticipantCannotLaunchEndOrShareAndTheMeetingCarriesOn() throws Exception {
        alice.send(LUNCH);
        assertRefused(alice, ErrorCode.NOT_MODERATOR, "poll_launch");
        assertThat(bob.receivesNo(ServerMessage.PollLaunched.class, 200)).isTrue();

        int pollId = launch();
        alice.send(new ClientMessage.PollEnd(pollId));
        assertRefused(alice, ErrorCode.NOT_MODERATOR, "poll_end");
        alice.send(new ClientMessage.PollShare(pollId, List.of(0, 0, 0)));
        assertRefused(alice, ErrorCode.NOT_MODERATOR, "poll_share");

        bob.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, "sealed"));
        assertThat(alice.next(ServerMessage.PollProgress.class)).isEqualTo(new ServerMessage.PollProgress(pollId, 1));
    }

    @Test
    void aVoteReachesTheModeratorsSealedAndCountsOnce() throws Exception {
        int pollId = launch();
        String line = VoteLine.encode(pollId, List.of(1));
        String sealed = ChatWire.encode(new ChatCrypto(meetingId, aliceId, aliceKeys)
                .encrypt(line, Map.of(hostId, hostKeys.publicKeyBase64()), true));
        alice.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, sealed));

        ServerMessage.PollBallot ballot = host.next(ServerMessage.PollBallot.class);
        assertThat(ballot.from()).isEqualTo(aliceId);
        assertThat(ballot.payload()).as("what passes the server").doesNotContain(VoteLine.PREFIX, "Dumplings")
                .isEqualTo(sealed);
        String opened = new ChatCrypto(meetingId, hostId, hostKeys).decrypt(aliceId, aliceKeys.publicKeyBase64(),
                ChatWire.decode(ballot.payload()));
        assertThat(VoteLine.decode(opened, pollId, 3, false)).contains(List.of(1));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.PollProgress.class)).isEqualTo(new ServerMessage.PollProgress(pollId, 1));
        }
        assertThat(bob.receivesNo(ServerMessage.PollBallot.class, 200)).as("a participant never gets a vote").isTrue();

        alice.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, sealed));
        assertRefused(alice, ErrorCode.ALREADY_VOTED, "poll_vote");
        assertThat(host.receivesNo(ServerMessage.PollBallot.class, 200)).isTrue();
    }

    @Test
    void oneOpenPollAtATimeAndNoVotesAfterItEnds() throws Exception {
        host.send(new ClientMessage.PollLaunch("Only one choice?", List.of("Yes"), false));
        assertRefused(host, ErrorCode.INVALID_MESSAGE, "poll_launch");

        int pollId = launch();
        host.send(LUNCH);
        assertRefused(host, ErrorCode.POLL_IN_PROGRESS, "poll_launch");

        TestClient late = TestClient.greeted(server.url());
        late.join(meetingId, "Late", null);
        assertThat(late.next(ServerMessage.PollLaunched.class).question()).isEqualTo("Where for lunch?");
        late.close();

        bob.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, "sealed"));
        host.next(ServerMessage.PollProgress.class);
        host.send(new ClientMessage.PollEnd(pollId));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.PollEnded.class)).isEqualTo(new ServerMessage.PollEnded(pollId, hostId, 1));
        }
        alice.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, "sealed"));
        assertRefused(alice, ErrorCode.POLL_CLOSED, "poll_vote");
    }

    @Test
    void sharedTotalsMustFitThePollAndReachEveryone() throws Exception {
        int pollId = launch();
        host.send(new ClientMessage.PollShare(pollId, List.of(1, 0, 0)));
        assertRefused(host, ErrorCode.POLL_CLOSED, "poll_share"); // still open
        bob.send(new ClientMessage.PollVote(pollId, ChatWire.ENC, "sealed"));
        host.next(ServerMessage.PollProgress.class);
        host.send(new ClientMessage.PollEnd(pollId));
        host.next(ServerMessage.PollEnded.class);

        host.send(new ClientMessage.PollShare(pollId, List.of(1, 0)));
        assertRefused(host, ErrorCode.INVALID_MESSAGE, "poll_share");
        host.send(new ClientMessage.PollShare(pollId, List.of(1, 1, 0)));
        assertRefused(host, ErrorCode.INVALID_MESSAGE, "poll_share"); // two votes from one voter, single choice

        host.send(new ClientMessage.PollShare(pollId, List.of(0, 1, 0)));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.PollResults.class))
                    .isEqualTo(new ServerMessage.PollResults(pollId, List.of(0, 1, 0), hostId));
        }
    }

    private int launch() throws InterruptedException {
        host.send(LUNCH);
        int pollId = 0;
        for (TestClient client : List.of(host, alice, bob)) {
            ServerMessage.PollLaunched launched = client.next(ServerMessage.PollLaunched.class);
            assertThat(launched.choices()).containsExactly("Noodles", "Dumplings", "Salad");
            assertThat(launched.launchedBy()).isEqualTo(hostId);
            pollId = launched.pollId();
        }
        return pollId;
    }

    private static void assertRefused(TestClient client, ErrorCode code, String type) throws InterruptedException {
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.requestType()).isEqualTo(type);
    }
}
