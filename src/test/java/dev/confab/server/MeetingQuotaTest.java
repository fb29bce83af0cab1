package dev.confab.server;

import dev.confab.testing.IntegrationTest;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.MutableClock;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Meeting squatting: one address cannot take every meeting slot, and abandoned meetings go quickly. */
@IntegrationTest
class MeetingQuotaTest {

    private final MutableClock clock = new MutableClock();
    private final List<TestClient> clients = new ArrayList<>();
    private MeetingServer server;

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        if (server != null) {
            server.stop();
        }
    }

    private void startServer(ServerConfig config) throws Exception {
        server = new MeetingServer(config, clock);
        server.start();
    }

    private TestClient client() throws InterruptedException {
        return track(TestClient.greeted(server.url()));
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    @Test
    void oneAddressCannotOpenMoreThanItsShareOfMeetingsButOthersStillCan() throws Exception {
        startServer(TestServers.loopback().maxMeetingsPerAddress(3).maxMeetings(100));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client().create("Squatter " + i, null).meetingId());
        }

        TestClient fourth = client();
        fourth.send(new ClientMessage.CreateMeeting("Squatter 3", null));
        ServerMessage.ErrorMessage refused = fourth.nextError();
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_MEETINGS);
        assertThat(refused.requestType()).isEqualTo("create_meeting");
        assertThat(fourth.isOpen()).isTrue();
        assertThat(server.meetingCount()).isEqualTo(3);

        // Someone else (another address) is not affected, and can still join the squatter's meetings.
        TestClient neighbour = track(TestClient.greetedFrom("127.0.0.2", server.url()));
        assertThat(neighbour.create("Ada", null).meetingId()).isNotIn(ids);

        // When one of the address's meetings ends, its slot is free again.
        clients.getFirst().send(new ClientMessage.EndMeeting());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.meetingCount() == 3);
        fourth.send(new ClientMessage.CreateMeeting("Squatter 3", null));
        assertThat(fourth.next(ServerMessage.Joined.class).hostId()).isPositive();
    }

    @Test
    void creatingTooManyMeetingsInAnHourIsRefusedWithWhenToRetry() throws Exception {
        startServer(TestServers.loopback().meetingCreationsPerHour(2));
        for (int i = 0; i < 2; i++) {
            TestClient host = client();
            host.create("Ada", null);
            host.send(new ClientMessage.EndMeeting());
            host.awaitClose();
        }
        clock.advance(Duration.ofMinutes(20));

        TestClient third = client();
        third.send(new ClientMessage.CreateMeeting("Ada", null));
        ServerMessage.ErrorMessage refused = third.nextError();
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_MEETINGS);
        assertThat(refused.retryAfterSeconds()).isBetween(39 * 60, 40 * 60);

        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        third.send(new ClientMessage.CreateMeeting("Ada", null));
        assertThat(third.next(ServerMessage.Joined.class).meetingId()).isNotBlank();
    }

    @Test
    void aMeetingOnlyItsCreatorWasEverInGoesSoonAfterTheCreatorLeaves() throws Exception {
        startServer(TestServers.loopback().emptyMeetingGrace(Duration.ofMinutes(5))
                .unjoinedMeetingGrace(Duration.ofMillis(200)));
        TestClient creator = client();
        String id = creator.create("Ada", null).meetingId();
        creator.send(new ClientMessage.Leave());
        creator.awaitClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.meetingCount() == 0);

        TestClient late = client();
        late.send(new ClientMessage.Join(id, "Bob", null));
        assertThat(late.nextError().code()).isEqualTo(ErrorCode.MEETING_NOT_FOUND);
    }

    @Test
    void aMeetingWhoseOnlyCreatorDisconnectedGoesSoonToo() throws Exception {
        startServer(TestServers.loopback().resumeGrace(Duration.ofMinutes(5))
                .unjoinedMeetingGrace(Duration.ofMillis(200)));
        TestClient creator = client();
        String token = creator.create("Ada", null).resumeToken();
        creator.closeBlocking(); // no leave: like a client that vanished
        await().atMost(Duration.ofSeconds(10)).until(() -> server.meetingCount() == 0);

        TestClient back = client();
        back.send(new ClientMessage.Resume(token));
        assertThat(back.nextError().code()).isEqualTo(ErrorCode.RESUME_REJECTED);
    }

    @Test
    void aMeetingOthersJoinedKeepsTheNormalEmptyGrace() throws Exception {
        startServer(TestServers.loopback().emptyMeetingGrace(Duration.ofMinutes(5))
                .unjoinedMeetingGrace(Duration.ofMillis(100)));
        TestClient host = client();
        String id = host.create("Ada", null).meetingId();
        TestClient guest = client();
        guest.join(id, "Bob", null);
        for (TestClient c : List.of(guest, host)) {
            c.send(new ClientMessage.Leave());
            c.awaitClose();
        }
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> server.meetingCount() == 1);
        assertThat(client().join(id, "Cy", null).meetingId()).isEqualTo(id);
    }
}
