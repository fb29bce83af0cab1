package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server hands each recipient of a {@code media_key} its own sealed key only, unread; bad lists are refused. */
@IntegrationTest
class MediaKeyRelayTest {

    private MeetingServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.stop();
    }

    private TestClient client() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        clients.add(client);
        return client;
    }

    /** The sender's next key to {@code recipient}: relayed in order, so anything sent before it arrives first. */
    private static String nextKeyAfterABarrier(TestClient sender, TestClient recipient, int recipientId)
            throws InterruptedException {
        sender.send(new ClientMessage.MediaKey(List.of(new ClientMessage.MediaKey.Sealed(recipientId, "barrier"))));
        return recipient.next(ServerMessage.MediaKeyMessage.class).key();
    }

    private static List<ServerMessage> messagesUntilPong(TestClient client) throws InterruptedException {
        client.send(new ClientMessage.Ping(77L));
        List<ServerMessage> seen = new ArrayList<>();
        for (ServerMessage m = client.next(ServerMessage.class); !(m instanceof ServerMessage.Pong); m = client.next(ServerMessage.class)) {
            seen.add(m);
        }
        return seen;
    }

    @Test
    void eachRecipientGetsOnlyItsOwnKeyFromTheSender() throws Exception {
        server = TestServers.start(TestServers.loopback());
        TestClient ada = client();
        var meeting = ada.create("Ada", null);
        TestClient grace = client();
        int graceId = grace.join(meeting.meetingId(), "Grace", null).selfId();
        TestClient lin = client();
        int linId = lin.join(meeting.meetingId(), "Lin", null).selfId();

        ada.send(new ClientMessage.MediaKey(List.of(new ClientMessage.MediaKey.Sealed(graceId, "for-grace"),
                new ClientMessage.MediaKey.Sealed(linId, "for-lin"),
                new ClientMessage.MediaKey.Sealed(99, "for-nobody"), // left meanwhile: skipped, no error
                new ClientMessage.MediaKey.Sealed(meeting.selfId(), "for-ada"))));

        assertThat(grace.next(ServerMessage.MediaKeyMessage.class))
                .isEqualTo(new ServerMessage.MediaKeyMessage(meeting.selfId(), "for-grace"));
        assertThat(lin.next(ServerMessage.MediaKeyMessage.class))
                .isEqualTo(new ServerMessage.MediaKeyMessage(meeting.selfId(), "for-lin"));
        assertThat(nextKeyAfterABarrier(ada, grace, graceId)).as("nobody else's key").isEqualTo("barrier");
        assertThat(messagesUntilPong(ada)).as("nothing back to the sender, no error")
                .noneMatch(m -> m instanceof ServerMessage.MediaKeyMessage || m instanceof ServerMessage.ErrorMessage);
    }

    @Test
    void tooManyRecipientsOrAnOversizedKeyIsRefusedAndNothingIsRelayed() throws Exception {
        server = TestServers.start(TestServers.loopback().maxParticipantsPerMeeting(2));
        TestClient ada = client();
        var meeting = ada.create("Ada", null);
        TestClient grace = client();
        int graceId = grace.join(meeting.meetingId(), "Grace", null).selfId();

        ada.send(new ClientMessage.MediaKey(List.of(new ClientMessage.MediaKey.Sealed(graceId, "a"),
                new ClientMessage.MediaKey.Sealed(3, "b"), new ClientMessage.MediaKey.Sealed(4, "c"))));
        ServerMessage.ErrorMessage tooMany = ada.nextError();
        assertThat(tooMany.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(tooMany.requestType()).isEqualTo("media_key");

        ada.send(new ClientMessage.MediaKey(List.of(new ClientMessage.MediaKey.Sealed(graceId, "k".repeat(257)))));
        assertThat(ada.nextError().message()).contains("'key' must be 1 to 256 characters");
        assertThat(nextKeyAfterABarrier(ada, grace, graceId)).as("nothing was relayed").isEqualTo("barrier");
    }
}
