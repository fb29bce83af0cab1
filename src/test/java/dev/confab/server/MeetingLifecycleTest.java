package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Participant;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class MeetingLifecycleTest {

    private MeetingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void startServer(ServerConfig config) throws Exception {
        server = TestServers.start(config);
    }

    @Test
    void createJoinAndLeaveUpdateEveryonesRoster() throws Exception {
        startServer(TestServers.loopback());
        TestClient host = TestClient.greeted(server.url());
        ServerMessage.Joined created = host.create("Ada", null);
        assertThat(created.meetingId()).matches("[1-9]\\d{9}");
        assertThat(created.hostId()).isEqualTo(created.selfId());
        assertThat(created.roster()).extracting(Participant::displayName).containsExactly("Ada");
        assertThat(created.roster().getFirst().role()).isEqualTo(Role.HOST);

        TestClient guest = TestClient.greeted(server.url());
        ServerMessage.Joined joined = guest.join(created.meetingId(), "  Grace  ", null);
        assertThat(joined.roster()).extracting(Participant::displayName).containsExactly("Ada", "Grace");
        assertThat(joined.selfId()).isNotEqualTo(created.selfId());

        Participant seenByHost = host.next(ServerMessage.ParticipantJoined.class).participant();
        assertThat(seenByHost.displayName()).isEqualTo("Grace");
        assertThat(seenByHost.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(seenByHost.connected()).isTrue();

        guest.send(new ClientMessage.UpdateState(true, true, false, false));
        Participant updated = host.next(ServerMessage.ParticipantUpdated.class).participant();
        assertThat(updated.muted()).isTrue();
        assertThat(updated.cameraOn()).isTrue();

        guest.send(new ClientMessage.Leave());
        assertThat(guest.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.LEFT);
        assertThat(guest.awaitClose()).isEqualTo(1000);
        ServerMessage.ParticipantLeft left = host.next(ServerMessage.ParticipantLeft.class);
        assertThat(left.participantId()).isEqualTo(joined.selfId());
        assertThat(left.reason()).isEqualTo(LeaveReason.LEFT);
        host.close();
    }

    @Test
    void joiningAMissingMeetingIsRefused() throws Exception {
        startServer(TestServers.loopback());
        TestClient client = TestClient.greeted(server.url());
        client.send(new ClientMessage.Join("1234567890", "Ada", null));
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.MEETING_NOT_FOUND);
        assertThat(error.requestType()).isEqualTo("join");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void passcodeIsRequiredAndChecked() throws Exception {
        startServer(TestServers.loopback());
        TestClient host = TestClient.greeted(server.url());
        String id = host.create("Ada", "s3cret").meetingId();
        TestClient guest = TestClient.greeted(server.url());

        guest.send(new ClientMessage.Join(id, "Eve", null));
        assertThat(guest.nextError().code()).isEqualTo(ErrorCode.PASSCODE_REQUIRED);
        guest.send(new ClientMessage.Join(id, "Eve", "guess"));
        ServerMessage.ErrorMessage wrong = guest.nextError();
        assertThat(wrong.code()).isEqualTo(ErrorCode.WRONG_PASSCODE);
        assertThat(wrong.retryAfterSeconds()).as("the first mistakes cost no wait").isNull();
        // Guessing limits: PasscodeGuessingTest.
    }

    @Test
    void correctPasscodeJoins() throws Exception {
        startServer(TestServers.loopback());
        TestClient host = TestClient.greeted(server.url());
        ServerMessage.Joined created = host.create("Ada", "s3cret");
        assertThat(created.passcodeProtected()).isTrue();
        TestClient guest = TestClient.greeted(server.url());
        assertThat(guest.join(created.meetingId(), "Bob", "s3cret").roster()).hasSize(2);
    }

    @Test
    void meetingAndServerLimitsAreEnforced() throws Exception {
        startServer(TestServers.loopback().maxParticipantsPerMeeting(2).maxMeetings(1));
        TestClient host = TestClient.greeted(server.url());
        String id = host.create("Ada", null).meetingId();
        TestClient.greeted(server.url()).join(id, "Bob", null);

        TestClient third = TestClient.greeted(server.url());
        third.send(new ClientMessage.Join(id, "Cy", null));
        assertThat(third.nextError().code()).isEqualTo(ErrorCode.MEETING_FULL);
        third.send(new ClientMessage.CreateMeeting("Cy", null));
        assertThat(third.nextError().code()).isEqualTo(ErrorCode.SERVER_FULL);
    }

    @Test
    void emptyMeetingIsRemovedAfterTheGracePeriod() throws Exception {
        startServer(TestServers.loopback().emptyMeetingGrace(Duration.ofMillis(300)));
        TestClient host = TestClient.greeted(server.url());
        String id = host.create("Ada", null).meetingId();
        host.send(new ClientMessage.Leave());
        host.awaitClose();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.meetingCount() == 0);

        TestClient late = TestClient.greeted(server.url());
        late.send(new ClientMessage.Join(id, "Bob", null));
        assertThat(late.nextError().code()).isEqualTo(ErrorCode.MEETING_NOT_FOUND);
    }

    @Test
    void emptyMeetingCanBeRejoinedWithinTheGracePeriodAndTheJoinerBecomesHost() throws Exception {
        startServer(TestServers.loopback().emptyMeetingGrace(Duration.ofMinutes(5)));
        TestClient host = TestClient.greeted(server.url());
        String id = host.create("Ada", null).meetingId();
        host.send(new ClientMessage.Leave());
        host.awaitClose();
        ServerMessage.Joined rejoined = TestClient.greeted(server.url()).join(id, "Bob", null);
        assertThat(rejoined.hostId()).isEqualTo(rejoined.selfId());
    }

    @Test
    void chatIsRoutedToEveryoneOrToChosenRecipientsOnly() throws Exception {
        startServer(TestServers.loopback());
        TestClient a = TestClient.greeted(server.url());
        String id = a.create("A", null).meetingId();
        TestClient b = TestClient.greeted(server.url());
        int bId = b.join(id, "B", null).selfId();
        TestClient c = TestClient.greeted(server.url());
        c.join(id, "C", null);

        String payload = Base64.getEncoder().encodeToString("hi all".getBytes(StandardCharsets.UTF_8));
        a.send(new ClientMessage.Chat(List.of(), "none", payload));
        assertThat(b.next(ServerMessage.ChatMessage.class).payload()).isEqualTo(payload);
        assertThat(c.next(ServerMessage.ChatMessage.class).payload()).isEqualTo(payload);

        a.send(new ClientMessage.Chat(List.of(bId), "none", "cHJpdmF0ZQ=="));
        ServerMessage.ChatMessage direct = b.next(ServerMessage.ChatMessage.class);
        assertThat(direct.to()).containsExactly(bId);
        assertThat(c.receivesNo(ServerMessage.ChatMessage.class, 300)).isTrue();

        a.send(new ClientMessage.Chat(List.of(99), "none", "eA=="));
        assertThat(a.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);
    }

    @Test
    void shutdownTellsEveryClient() throws Exception {
        startServer(TestServers.loopback());
        TestClient a = TestClient.greeted(server.url());
        a.create("A", null);
        server.stop();
        assertThat(a.next(ServerMessage.ServerShutdown.class).message()).isNotBlank();
        assertThat(a.awaitClose()).isEqualTo(1001);
    }
}
