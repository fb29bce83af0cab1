package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.Bystanders;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets a documented error to the sender only; the meeting and its other
 * participants carry on (checked by {@link Bystanders#stillServed()} after each case).
 */
@IntegrationTest
class BadInputTest {

    private static final int MAX_BINARY = 128 * 1024;

    private MeetingServer server;
    private Bystanders bystanders;
    private String meetingId;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback()
                .messagesPerSecond(20, 20).floodCloseThreshold(50).helloTimeout(Duration.ofSeconds(3)).maxBinaryFrameBytes(MAX_BINARY));
        bystanders = Bystanders.seatedOn(server);
        meetingId = bystanders.meetingId;
    }

    @AfterEach
    void stop() throws Exception {
        bystanders.stillServed();
        server.stop();
    }

    private TestClient joinedClient() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        client.join(meetingId, "Tester", null);
        return client;
    }

    @Test
    void malformedJsonIsReportedAndTheConnectionStaysUsable() throws Exception {
        TestClient client = joinedClient();
        client.send("{\"type\": \"chat\", ");
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.MALFORMED_MESSAGE);
        client.send("[1,2,3]");
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.MALFORMED_MESSAGE);
        client.send(new ClientMessage.Ping(7L));
        assertThat(client.next(ServerMessage.Pong.class).nonce()).isEqualTo(7L);
    }

    @Test
    void unknownTypeIsReportedWithTheType() throws Exception {
        TestClient client = joinedClient();
        client.send("{\"type\":\"teleport\",\"to\":\"mars\"}");
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(error.requestType()).isEqualTo("teleport");
    }

    @Test
    void missingOrMistypedFieldsAreReportedByName() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        client.send("{\"type\":\"join\",\"displayName\":\"Ann\"}");
        ServerMessage.ErrorMessage missing = client.nextError();
        assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(missing.message()).contains("meetingId");
        assertThat(missing.requestType()).isEqualTo("join");

        client.send("{\"type\":\"lock_meeting\",\"locked\":\"maybe\"}");
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        client.send("{\"message\":\"no type\"}");
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        client.send(new ClientMessage.Join(meetingId, "\u0007", null));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void oversizedTextFrameGetsAnErrorAndIsClosed() throws Exception {
        TestClient client = joinedClient();
        String huge = "{\"type\":\"chat\",\"enc\":\"none\",\"payload\":\"" + "A".repeat(ProtocolVersion.MAX_TEXT_FRAME_BYTES) + "\"}";
        client.send(huge);
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(client.awaitClose()).isEqualTo(1009);
        assertThat(bystanders.host.next(ServerMessage.ParticipantUpdated.class).participant().connected()).isFalse();
    }

    @Test
    void oversizedBinaryFrameIsClosedByTheTransport() throws Exception {
        TestClient client = joinedClient();
        client.send(new byte[MAX_BINARY + 1]);
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void messagesBeforeHelloAreRefusedAndClosed() throws Exception {
        TestClient client = TestClient.connect(server.url());
        client.send(new ClientMessage.Join(meetingId, "Rude", null));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void silentClientIsClosedAfterTheHelloTimeout() throws Exception {
        TestClient client = TestClient.connect(server.url());
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.HELLO_REQUIRED);
        assertThat(client.awaitClose()).isEqualTo(4001);
    }

    @Test
    void unsupportedVersionGetsAClearErrorNotAHang() throws Exception {
        TestClient client = TestClient.connect(server.url());
        client.send(new ClientMessage.Hello(99, "future"));
        ServerMessage.ErrorMessage error = client.nextError();
        assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(error.supportedVersions()).containsExactly(ProtocolVersion.CURRENT);
        assertThat(client.awaitClose()).isEqualTo(4002);
    }

    @Test
    void floodIsRateLimitedThenClosed() throws Exception {
        TestClient client = joinedClient();
        try {
            // 50 messages a second against a limit of 20 (burst 20, close after 50 refused): closed within a few
            // seconds. Paced rather than blasted: messages the server has not read when it closes would make its
            // TCP stack reset the connection, and the reset would swallow the error and the close code.
            for (int i = 0; i < 1000; i++) {
                client.send(new ClientMessage.Ping((long) i));
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException expected) {
            // the server closed the flooding connection mid-loop
        }
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(client.awaitClose()).isEqualTo(1008);
    }

    @Test
    void requestsOutsideAMeetingAreRefused() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        client.send(new ClientMessage.LockMeeting(true));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.NOT_IN_MEETING);
        client.send(new ClientMessage.Chat(null, "none", "eA=="));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.NOT_IN_MEETING);
    }

    @Test
    void joiningTwiceOnOneConnectionIsRefused() throws Exception {
        TestClient client = joinedClient();
        client.send(new ClientMessage.Join(meetingId, "Again", null));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.ALREADY_IN_MEETING);
    }

    @Test
    void unknownResumeTokenIsRejected() throws Exception {
        TestClient client = TestClient.greeted(server.url());
        client.send(new ClientMessage.Resume("not-a-token"));
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.RESUME_REJECTED);
    }

    @Test
    void garbageBinaryFrameIsReported() throws Exception {
        TestClient client = joinedClient();
        client.send(new byte[]{1, 2, 3});
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }
}
