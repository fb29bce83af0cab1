package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting room over real sockets: who waits, what reaches them (nothing), admit, admit all, deny. */
@IntegrationTest
class WaitingRoomTest {

    private MeetingServer server;
    private TestClient host;
    private ServerMessage.Joined created;

    @BeforeEach
    void meetingWithAWaitingRoom() throws Exception {
        server = TestServers.start(TestServers.loopback());
        host = TestClient.greeted(server.url());
        host.send(new ClientMessage.CreateMeeting("Host", null, null, true, null));
        created = host.next(ServerMessage.Joined.class);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private TestClient waiting(String name) throws Exception {
        TestClient joiner = TestClient.greeted(server.url());
        joiner.send(new ClientMessage.Join(created.meetingId(), name, null));
        assertThat(joiner.next(ServerMessage.Waiting.class).meetingId()).isEqualTo(created.meetingId());
        return joiner;
    }

    @Test
    void theMeetingSaysItHasAWaitingRoomAndTheCreatorGoesStraightIn() {
        assertThat(created.waitingRoom()).isTrue();
        assertThat(created.hostId()).isEqualTo(created.selfId());
    }

    @Test
    void aWaitingPersonGetsNothingOfTheMeetingUntilAdmitted() throws Exception {
        TestClient member = TestClient.greeted(server.url());
        host.send(new ClientMessage.SetWaitingRoom(false));
        host.next(ServerMessage.MeetingUpdated.class);
        member.join(created.meetingId(), "Member", null);
        host.send(new ClientMessage.SetWaitingRoom(true));
        host.next(ServerMessage.MeetingUpdated.class);

        TestClient waiter = waiting("Waiter");
        assertThat(host.next(ServerMessage.WaitingRoom.class).waiting()).extracting(ServerMessage.WaitingPerson::displayName)
                .containsExactly("Waiter");
        assertThat(member.receivesNo(ServerMessage.WaitingRoom.class, 200)).as("only moderators see the room").isTrue();

        // Chat, media, roster and meeting changes, annotations' share: none of it may reach the waiting person.
        host.send(new ClientMessage.Chat(null, "x25519-v1", "c2VjcmV0"));
        host.send(new ClientMessage.ShareStart(false));
        host.send(new ClientMessage.LockMeeting(false));
        var header = new MediaFrameHeader(StreamKind.SCREEN, true, MediaCodec.H264.wireId(), 0, 1, 1L);
        host.send(header.encode(ByteBuffer.wrap(new byte[]{1, 2, 3})));
        assertThat(member.media.poll(5, TimeUnit.SECONDS)).as("the member gets the frame").isNotNull();
        member.next(ServerMessage.ChatMessage.class);
        assertThat(waiter.media.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(waiter.messages).as("nothing but 'waiting' reached the waiting person").isEmpty();

        waiter.send(new ClientMessage.Chat(null, "x25519-v1", "aGk="));
        assertThat(waiter.nextError().code()).isEqualTo(ErrorCode.NOT_IN_MEETING);
        assertThat(member.receivesNo(ServerMessage.ChatMessage.class, 200)).isTrue();
    }

    @Test
    void admittedPersonJoinsWithAFullRosterAndEveryoneSeesItArrive() throws Exception {
        TestClient waiter = waiting("Waiter");
        int waitingId = host.next(ServerMessage.WaitingRoom.class).waiting().getFirst().waitingId();

        host.send(new ClientMessage.Admit(waitingId));
        ServerMessage.Joined joined = waiter.next(ServerMessage.Joined.class);
        assertThat(joined.roster()).extracting(p -> p.displayName()).containsExactly("Host", "Waiter");
        assertThat(host.next(ServerMessage.ParticipantJoined.class).participant().displayName()).isEqualTo("Waiter");
        assertThat(host.next(ServerMessage.WaitingRoom.class).waiting()).isEmpty();
    }

    @Test
    void admitAllLetsEveryoneInInArrivalOrder() throws Exception {
        TestClient first = waiting("First");
        TestClient second = waiting("Second");
        host.send(new ClientMessage.Admit(null));
        int firstId = first.next(ServerMessage.Joined.class).selfId();
        int secondId = second.next(ServerMessage.Joined.class).selfId();
        assertThat(firstId).isLessThan(secondId);
    }

    @Test
    void deniedPersonIsToldAndDisconnectedAndTheHostCanCarryOn() throws Exception {
        TestClient waiter = waiting("Unwanted");
        int waitingId = host.next(ServerMessage.WaitingRoom.class).waiting().getFirst().waitingId();

        host.send(new ClientMessage.Deny(waitingId));
        assertThat(waiter.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.DENIED);
        assertThat(waiter.awaitClose()).isEqualTo(1000);
        assertThat(host.next(ServerMessage.WaitingRoom.class).waiting()).isEmpty();

        host.send(new ClientMessage.Admit(waitingId));
        assertThat(host.nextError().code()).as("nobody left to admit").isEqualTo(ErrorCode.NOT_WAITING);
        host.send(new ClientMessage.LockMeeting(true));
        assertThat(host.next(ServerMessage.MeetingUpdated.class).locked()).isTrue();
    }

    @Test
    void aWaitingPersonWhoDisconnectsSimplyLeavesTheQueue() throws Exception {
        TestClient waiter = waiting("Impatient");
        assertThat(host.next(ServerMessage.WaitingRoom.class).waiting()).hasSize(1);
        waiter.close();
        assertThat(host.next(ServerMessage.WaitingRoom.class).waiting()).isEmpty();
    }

    @Test
    void aParticipantCannotAdmitOrDenyAndTheMeetingCarriesOn() throws Exception {
        host.send(new ClientMessage.SetWaitingRoom(false));
        host.next(ServerMessage.MeetingUpdated.class);
        TestClient guest = TestClient.greeted(server.url());
        guest.join(created.meetingId(), "Guest", null);
        host.send(new ClientMessage.SetWaitingRoom(true));
        guest.next(ServerMessage.MeetingUpdated.class);
        TestClient waiter = waiting("Waiter");
        int waitingId = host.next(ServerMessage.WaitingRoom.class).waiting().getFirst().waitingId();

        for (ClientMessage action : new ClientMessage[]{new ClientMessage.Admit(waitingId), new ClientMessage.Admit(null),
                new ClientMessage.Deny(waitingId), new ClientMessage.SetWaitingRoom(false),
                new ClientMessage.Spotlight(created.selfId()), new ClientMessage.SetMuteOnEntry(true),
                new ClientMessage.AskUnmute(null)}) {
            guest.send(action);
            assertThat(guest.nextError().code()).as(action.toString()).isEqualTo(ErrorCode.NOT_MODERATOR);
        }
        assertThat(waiter.receivesNo(ServerMessage.Joined.class, 200)).isTrue();
        host.send(new ClientMessage.Admit(waitingId));
        waiter.next(ServerMessage.Joined.class);
        assertThat(guest.next(ServerMessage.ParticipantJoined.class).participant().displayName()).isEqualTo("Waiter");
    }

    @Test
    void turningTheRoomOffLetsEveryoneWaitingIn() throws Exception {
        TestClient waiter = waiting("Waiter");
        host.send(new ClientMessage.SetWaitingRoom(false));
        assertThat(host.next(ServerMessage.MeetingUpdated.class).waitingRoom()).isFalse();
        waiter.next(ServerMessage.Joined.class);
    }

    @Test
    void whenTheLastMemberLeavesTheFirstWaitingPersonComesInAsHost() throws Exception {
        TestClient first = waiting("First");
        TestClient second = waiting("Second");
        host.send(new ClientMessage.Leave());
        ServerMessage.Joined joined = first.next(ServerMessage.Joined.class);
        assertThat(joined.hostId()).isEqualTo(joined.selfId());
        assertThat(first.next(ServerMessage.WaitingRoom.class).waiting()).extracting(ServerMessage.WaitingPerson::displayName)
                .containsExactly("Second");
        assertThat(second.receivesNo(ServerMessage.Joined.class, 200)).isTrue();
    }

    @Test
    void aHostWhoResumesIsToldWhoWaits() throws Exception {
        waiting("Waiter");
        host.next(ServerMessage.WaitingRoom.class);
        host.close(); // a lost connection, not a leave: the seat is kept for the resume
        TestClient back = TestClient.greeted(server.url());
        back.send(new ClientMessage.Resume(created.resumeToken()));
        assertThat(back.next(ServerMessage.Joined.class).resumed()).isTrue();
        assertThat(back.next(ServerMessage.WaitingRoom.class).waiting()).extracting(ServerMessage.WaitingPerson::displayName)
                .containsExactly("Waiter");
    }

    @Test
    void endingTheMeetingSendsWaitingPeopleAway() throws Exception {
        TestClient waiter = waiting("Waiter");
        host.send(new ClientMessage.EndMeeting());
        assertThat(waiter.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.ENDED_BY_HOST);
        assertThat(waiter.awaitClose()).isEqualTo(1000);
    }

    @Test
    void aCohostCanAdmit() throws Exception {
        host.send(new ClientMessage.SetWaitingRoom(false));
        host.next(ServerMessage.MeetingUpdated.class);
        TestClient cohost = TestClient.greeted(server.url());
        int cohostId = cohost.join(created.meetingId(), "Cohost", null).selfId();
        host.send(new ClientMessage.SetWaitingRoom(true));
        host.send(new ClientMessage.SetRole(cohostId, Role.COHOST));
        assertThat(cohost.next(ServerMessage.ParticipantUpdated.class).participant().role()).isEqualTo(Role.COHOST);

        TestClient waiter = waiting("Waiter");
        int waitingId = cohost.next(ServerMessage.WaitingRoom.class).waiting().getFirst().waitingId();
        cohost.send(new ClientMessage.Admit(waitingId));
        waiter.next(ServerMessage.Joined.class);
    }
}
