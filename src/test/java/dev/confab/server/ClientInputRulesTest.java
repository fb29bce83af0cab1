package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client written from docs/protocol.md alone gets back through a real server when it sends fields of
 * the wrong type: INVALID_MESSAGE naming the field, and nothing of the server's insides.
 */
@IntegrationTest
class ClientInputRulesTest {

    private MeetingServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aVersionSentAsAStringIsRefusedBeforeTheHandshake() throws Exception {
        TestClient client = TestClient.connect(server.url());
        client.send("{\"type\":\"hello\",\"version\":\"1\"}");
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.message()).isEqualTo("field \"version\" must be an integer");
        assertThat(error.requestType()).isEqualTo("hello");
        assertThat(client.awaitClose()).isEqualTo(MeetingService.CLOSE_HELLO_REQUIRED);
    }

    @Test
    void aNumericMeetingIdIsRefusedAndTheConnectionStaysUsable() throws Exception {
        TestClient host = TestClient.greeted(server.url());
        String meetingId = host.create("Ada", null).meetingId();
        TestClient client = TestClient.greeted(server.url());
        client.send("{\"type\":\"join\",\"meetingId\":" + meetingId + ",\"displayName\":\"Grace\"}");
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.message()).isEqualTo("field \"meetingId\" must be a string");
        assertThat(error.requestType()).isEqualTo("join");
        assertThat(client.join(meetingId, "Grace", null).selfId()).isEqualTo(2);
    }

    @Test
    void aNameWithABidiOverrideIsRefusedNamingFieldAndCharacter() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        client.send(new ClientMessage.CreateMeeting("Ada\u202Egnp.exe", null));
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(error.requestType()).isEqualTo("create_meeting");
        assertThat(error.message()).isEqualTo(
                "field \"displayName\" must not contain invisible, formatting or control characters (found U+202E)");

        String meetingId = client.create("Ada", null).meetingId();
        TestClient lookalike = TestClient.greeted(server.url());
        lookalike.send(new ClientMessage.Join(meetingId, "Ad\u200Ba", null));
        assertThat(lookalike.nextError().message()).contains("U+200B");
    }

    @Test
    void everyoneSeesTheNormalisedName() throws Exception {
        TestClient host = TestClient.greeted(server.url());
        String meetingId = host.create("Ada", null).meetingId();
        TestClient guest = TestClient.greeted(server.url());
        ServerMessage.Joined joined = guest.join(meetingId, "  Jose\u0301 \u00A0 Garci\u0301a ", null);
        assertThat(joined.roster().get(1).displayName()).isEqualTo("Jos\u00E9 Garc\u00EDa");
        assertThat(host.next(ServerMessage.ParticipantJoined.class).participant().displayName())
                .isEqualTo("Jos\u00E9 Garc\u00EDa");
    }
}
