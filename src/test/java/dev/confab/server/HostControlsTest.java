package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.ThreePersonMeeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HostControlsTest {

    private MeetingServer server;
    private TestClient host;
    private TestClient guest;
    private TestClient other;
    private String meetingId;
    private int hostId;
    private int guestId;
    private int otherId;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        ThreePersonMeeting meeting = ThreePersonMeeting.start("Guest", "Other");
        server = meeting.server();
        meetingId = meeting.meetingId();
        host = meeting.host();
        hostId = meeting.hostId();
        guest = meeting.first();
        guestId = meeting.firstId();
        other = meeting.second();
        otherId = meeting.secondId();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void askOneToMuteReachesOnlyThatParticipant() throws Exception {
        host.send(new ClientMessage.AskMute(guestId));
        assertThat(guest.next(ServerMessage.MuteRequested.class).byParticipantId()).isEqualTo(hostId);
        assertThat(other.receivesNo(ServerMessage.MuteRequested.class, 300)).isTrue();
    }

    @Test
    void askAllToMuteReachesEveryoneButTheHost() throws Exception {
        host.send(new ClientMessage.AskMute(null));
        guest.next(ServerMessage.MuteRequested.class);
        other.next(ServerMessage.MuteRequested.class);
        assertThat(host.receivesNo(ServerMessage.MuteRequested.class, 300)).isTrue();
    }

    @Test
    void removedParticipantIsToldAndDisconnectedAndOthersSeeItLeave() throws Exception {
        host.send(new ClientMessage.RemoveParticipant(guestId));
        assertThat(guest.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.REMOVED);
        assertThat(guest.awaitClose()).isEqualTo(1000);
        ServerMessage.ParticipantLeft left = other.next(ServerMessage.ParticipantLeft.class);
        assertThat(left.participantId()).isEqualTo(guestId);
        assertThat(left.reason()).isEqualTo(LeaveReason.REMOVED);
    }

    @Test
    void lockedMeetingRefusesNewJoinsUntilUnlocked() throws Exception {
        host.send(new ClientMessage.LockMeeting(true));
        assertThat(other.next(ServerMessage.MeetingUpdated.class).locked()).isTrue();

        TestClient late = TestClient.greeted(server.url());
        late.send(new ClientMessage.Join(meetingId, "Late", null));
        assertThat(late.nextError().code()).isEqualTo(ErrorCode.MEETING_LOCKED);

        host.send(new ClientMessage.LockMeeting(false));
        assertThat(other.next(ServerMessage.MeetingUpdated.class).locked()).isFalse();
        assertThat(late.join(meetingId, "Late", null).roster()).hasSize(4);
    }

    @Test
    void theHostsTopicReachesEveryoneAndLateJoinersAndAHiddenCharacterIsRefused() throws Exception {
        host.send(new ClientMessage.SetTopic("  Weekly   sync "));
        assertThat(other.next(ServerMessage.MeetingUpdated.class).topic()).isEqualTo("Weekly sync");
        assertThat(host.next(ServerMessage.MeetingUpdated.class).topic()).isEqualTo("Weekly sync");
        TestClient late = TestClient.greeted(server.url());
        assertThat(late.join(meetingId, "Late", null).topic()).isEqualTo("Weekly sync");

        host.send(new ClientMessage.SetTopic("Budget\u202Egnp.exe"));
        ServerMessage.ErrorMessage refused = host.nextError();
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refused.message()).contains("\"topic\"", "U+202E");

        host.send(new ClientMessage.SetTopic(" "));
        assertThat(other.next(ServerMessage.MeetingUpdated.class).topic()).as("blank removes it").isNull();
    }

    @Test
    void endingTheMeetingDisconnectsEveryoneAndRemovesIt() throws Exception {
        host.send(new ClientMessage.EndMeeting());
        for (TestClient client : new TestClient[]{host, guest, other}) {
            assertThat(client.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.ENDED_BY_HOST);
            assertThat(client.awaitClose()).isEqualTo(1000);
        }
        TestClient late = TestClient.greeted(server.url());
        late.send(new ClientMessage.Join(meetingId, "Late", null));
        assertThat(late.nextError().code()).isEqualTo(ErrorCode.MEETING_NOT_FOUND);
    }

    @Test
    void handingHostOverSwapsRolesAndPowers() throws Exception {
        host.send(new ClientMessage.TransferHost(guestId));
        ServerMessage.MeetingUpdated update = other.next(ServerMessage.MeetingUpdated.class);
        assertThat(update.hostId()).isEqualTo(guestId);
        assertThat(host.next(ServerMessage.MeetingUpdated.class).hostId()).isEqualTo(guestId);

        host.send(new ClientMessage.LockMeeting(true));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.NOT_MODERATOR);
        guest.send(new ClientMessage.LockMeeting(true));
        assertThat(host.next(ServerMessage.MeetingUpdated.class).locked()).isTrue();
    }

    @Test
    void hostLeavingPassesTheRoleToTheLongestPresentParticipant() throws Exception {
        host.send(new ClientMessage.Leave());
        ServerMessage.ParticipantUpdated promoted = other.next(ServerMessage.ParticipantUpdated.class);
        assertThat(promoted.participant().id()).isEqualTo(guestId);
        assertThat(promoted.participant().role()).isEqualTo(Role.HOST);
        assertThat(other.next(ServerMessage.MeetingUpdated.class).hostId()).isEqualTo(guestId);
    }

    @Test
    void nonHostCannotUseAnyHostControl() throws Exception {
        ClientMessage[] moderatorActions = {
                new ClientMessage.AskMute(otherId), new ClientMessage.AskMute(null),
                new ClientMessage.RemoveParticipant(otherId), new ClientMessage.LockMeeting(true)};
        for (ClientMessage action : moderatorActions) {
            guest.send(action);
            assertThat(guest.nextError().code()).as(action.toString()).isEqualTo(ErrorCode.NOT_MODERATOR);
        }
        ClientMessage[] hostActions = {
                new ClientMessage.EndMeeting(), new ClientMessage.TransferHost(otherId), new ClientMessage.SetTopic("Mine")};
        for (ClientMessage action : hostActions) {
            guest.send(action);
            assertThat(guest.nextError().code()).as(action.toString()).isEqualTo(ErrorCode.NOT_HOST);
        }
        assertThat(other.receivesNo(ServerMessage.MeetingLeft.class, 200)).isTrue();
        assertThat(other.isOpen()).isTrue();
    }

    @Test
    void hostActionOnAnUnknownParticipantIsRefused() throws Exception {
        host.send(new ClientMessage.RemoveParticipant(4242));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);
    }
}
