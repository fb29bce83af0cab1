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

/** Co-hosts, mute on entry, asking to unmute and the spotlight, over real sockets. */
@IntegrationTest
class CohostTest {

    private MeetingServer server;
    private ThreePersonMeeting meeting;
    private TestClient host;
    private TestClient first;
    private TestClient second;

    @BeforeEach
    void meetingWithThreePeople() throws Exception {
        meeting = ThreePersonMeeting.start("First", "Second");
        server = meeting.server();
        host = meeting.host();
        first = meeting.first();
        second = meeting.second();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void makeCohost(int id) throws Exception {
        host.send(new ClientMessage.SetRole(id, Role.COHOST));
        ServerMessage.ParticipantUpdated updated = second.next(ServerMessage.ParticipantUpdated.class);
        assertThat(updated.participant().id()).isEqualTo(id);
        assertThat(updated.participant().role()).isEqualTo(Role.COHOST);
    }

    @Test
    void aCohostModeratesButCannotEndTheMeetingChangeRolesOrRemoveTheHost() throws Exception {
        makeCohost(meeting.firstId());
        first.send(new ClientMessage.LockMeeting(true));
        assertThat(second.next(ServerMessage.MeetingUpdated.class).locked()).isTrue();
        first.send(new ClientMessage.AskMute(meeting.secondId()));
        assertThat(second.next(ServerMessage.MuteRequested.class).byParticipantId()).isEqualTo(meeting.firstId());

        first.send(new ClientMessage.EndMeeting());
        assertThat(first.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
        first.send(new ClientMessage.SetRole(meeting.secondId(), Role.COHOST));
        assertThat(first.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
        first.send(new ClientMessage.RemoveParticipant(meeting.hostId()));
        assertThat(first.nextError().code()).isEqualTo(ErrorCode.NOT_HOST);
        assertThat(host.receivesNo(ServerMessage.MeetingLeft.class, 200)).isTrue();

        first.send(new ClientMessage.RemoveParticipant(meeting.secondId()));
        assertThat(second.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.REMOVED);
    }

    @Test
    void unmadeCohostLosesItsPowers() throws Exception {
        makeCohost(meeting.firstId());
        host.send(new ClientMessage.SetRole(meeting.firstId(), Role.PARTICIPANT));
        assertThat(second.next(ServerMessage.ParticipantUpdated.class).participant().role()).isEqualTo(Role.PARTICIPANT);
        first.send(new ClientMessage.LockMeeting(true));
        assertThat(first.nextError().code()).isEqualTo(ErrorCode.NOT_MODERATOR);
    }

    @Test
    void setRoleRefusesTheHostRoleAndUnknownPeople() throws Exception {
        host.send(new ClientMessage.SetRole(meeting.firstId(), Role.HOST));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        host.send(new ClientMessage.SetRole(4242, Role.COHOST));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);
        host.send("{\"type\":\"set_role\",\"participantId\":2}");
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void whenTheHostLeavesTheEarliestMadeCohostTakesOver() throws Exception {
        makeCohost(meeting.secondId()); // the later joiner, made first
        makeCohost(meeting.firstId());
        host.send(new ClientMessage.Leave());
        ServerMessage.MeetingUpdated update = first.next(ServerMessage.MeetingUpdated.class);
        assertThat(update.hostId()).isEqualTo(meeting.secondId());
    }

    @Test
    void muteOnEntryMutesJoinersButNotThoseAlreadyIn() throws Exception {
        host.send(new ClientMessage.SetMuteOnEntry(true));
        assertThat(first.next(ServerMessage.MeetingUpdated.class).muteOnEntry()).isTrue();
        TestClient late = TestClient.greeted(server.url());
        ServerMessage.Joined joined = late.join(meeting.meetingId(), "Late", null);
        assertThat(joined.muteOnEntry()).isTrue();
        assertThat(first.next(ServerMessage.ParticipantJoined.class).participant().muted()).isTrue();
    }

    @Test
    void askingToUnmuteReachesEveryoneElseAsARequestOnly() throws Exception {
        host.send(new ClientMessage.AskUnmute(null));
        assertThat(first.next(ServerMessage.UnmuteRequested.class).byParticipantId()).isEqualTo(meeting.hostId());
        second.next(ServerMessage.UnmuteRequested.class);
        assertThat(host.receivesNo(ServerMessage.UnmuteRequested.class, 200)).isTrue();
        assertThat(first.receivesNo(ServerMessage.ParticipantUpdated.class, 200)).as("nobody is unmuted by it").isTrue();
    }

    @Test
    void spotlightIsForEveryoneAndEndsWhenThePersonLeaves() throws Exception {
        host.send(new ClientMessage.Spotlight(meeting.firstId()));
        assertThat(second.next(ServerMessage.MeetingUpdated.class).spotlightId()).isEqualTo(meeting.firstId());
        host.send(new ClientMessage.Spotlight(4242));
        assertThat(host.nextError().code()).isEqualTo(ErrorCode.UNKNOWN_PARTICIPANT);

        first.send(new ClientMessage.Leave());
        assertThat(second.next(ServerMessage.MeetingUpdated.class).spotlightId()).isNull();
    }

    @Test
    void spotlightEndsWhenAModeratorRemovesThatPerson() throws Exception {
        host.send(new ClientMessage.Spotlight(meeting.secondId()));
        assertThat(first.next(ServerMessage.MeetingUpdated.class).spotlightId()).isEqualTo(meeting.secondId());
        host.send(new ClientMessage.RemoveParticipant(meeting.secondId()));
        assertThat(first.next(ServerMessage.ParticipantLeft.class).participantId()).isEqualTo(meeting.secondId());
        assertThat(first.next(ServerMessage.MeetingUpdated.class).spotlightId()).isNull();
    }
}
