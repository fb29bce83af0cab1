package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
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
}
