package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.ThreePersonMeeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RecordingControlsTest {

    private MeetingServer server;
    private TestClient host;
    private TestClient alice;
    private TestClient bob;
    private String meetingId;
    private int hostId;
    private int aliceId;

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
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void joinersLearnThePolicyWhichIsHostOnlyByDefault() throws Exception {
        TestClient late = TestClient.greeted(server.url());
        late.join(meetingId, "Late", null);
        assertThat(late.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.HOST_ONLY);
        late.close();
    }

    @Test
    void aNonHostIsRefusedUnderHostOnlyAndNobodyIsTold() throws Exception {
        alice.send(new ClientMessage.RecordingStart());
        ServerMessage.ErrorMessage error = alice.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.RECORDING_NOT_ALLOWED);
        assertThat(error.requestType()).isEqualTo("recording_start");
        assertThat(bob.receivesNo(ServerMessage.RecordingChanged.class, 300)).isTrue();
    }

    @Test
    void theHostMayRecordAndEveryoneSeesWhoRecords() throws Exception {
        host.send(new ClientMessage.RecordingStart());
        assertThat(bob.next(ServerMessage.ParticipantUpdated.class).participant().recording()).isTrue();
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.RecordingChanged.class))
                    .isEqualTo(new ServerMessage.RecordingChanged(hostId, true, false));
        }
        TestClient late = TestClient.greeted(server.url());
        ServerMessage.Joined joined = late.join(meetingId, "Late", null);
        assertThat(joined.roster()).filteredOn(p -> p.id() == hostId).singleElement()
                .satisfies(p -> assertThat(p.recording()).isTrue());
        late.close();

        host.send(new ClientMessage.RecordingStop());
        assertThat(alice.next(ServerMessage.RecordingChanged.class))
                .isEqualTo(new ServerMessage.RecordingChanged(hostId, false, false));
    }

    @Test
    void updateStateCannotBypassThePolicy() throws Exception {
        alice.send(new ClientMessage.UpdateState(false, false, false, true));
        assertThat(bob.next(ServerMessage.ParticipantUpdated.class).participant().recording()).isFalse();
    }

    @Test
    void everyoneMayRecordUnderEveryone() throws Exception {
        host.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.EVERYONE));
        assertThat(alice.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.EVERYONE);
        alice.send(new ClientMessage.RecordingStart());
        assertThat(bob.next(ServerMessage.RecordingChanged.class))
                .isEqualTo(new ServerMessage.RecordingChanged(aliceId, true, false));
    }

    @Test
    void nobodyMayRecordUnderNobodyNotEvenTheHost() throws Exception {
        host.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.NOBODY));
        host.next(ServerMessage.RecordingPolicyChanged.class);
        host.send(new ClientMessage.RecordingStart());
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.RECORDING_NOT_ALLOWED);
    }

    @Test
    void forbiddingStopsCurrentRecordersAndTellsEveryone() throws Exception {
        host.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.EVERYONE));
        assertThat(alice.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.EVERYONE);
        alice.send(new ClientMessage.RecordingStart());
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.RecordingChanged.class).recording()).isTrue();
        }

        host.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.HOST_ONLY));
        for (TestClient client : List.of(host, alice, bob)) {
            assertThat(client.next(ServerMessage.RecordingChanged.class))
                    .isEqualTo(new ServerMessage.RecordingChanged(aliceId, false, true));
        }
    }

    @Test
    void handingOverTheHostRoleStopsTheFormerHostsRecordingUnderHostOnly() throws Exception {
        host.send(new ClientMessage.RecordingStart());
        assertThat(alice.next(ServerMessage.RecordingChanged.class).recording()).isTrue();
        host.send(new ClientMessage.TransferHost(aliceId));
        assertThat(alice.next(ServerMessage.RecordingChanged.class))
                .isEqualTo(new ServerMessage.RecordingChanged(hostId, false, true));
    }

    @Test
    void onlyTheHostSetsThePolicy() throws Exception {
        alice.send(new ClientMessage.SetRecordingPolicy(RecordingPolicy.EVERYONE));
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
        alice.send(new ClientMessage.RecordingStart());
        assertThat(alice.nextError().code()).isEqualTo(ErrorCode.RECORDING_NOT_ALLOWED);
    }
}
