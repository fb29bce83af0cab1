package dev.confab.server;

import dev.confab.testing.BareWebSocketServer;
import dev.confab.testing.IntegrationTest;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Frames the server writes itself ({@link DirectFrames}) reach a standard WebSocket client (Java-WebSocket's, which
 * checks RFC 6455 framing) whole and in order, at every length encoding: 7-bit, 16-bit and 64-bit lengths and their
 * edges, text in UTF-8 included; a closed connection refuses like the library's own send.
 */
@IntegrationTest
class DirectFramesTest {

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final BareWebSocketServer server = BareWebSocketServer.started();
    private WebSocketClient client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.closeBlocking();
        }
        server.close();
    }

    @Test
    void everyLengthEncodingAndUtf8TextArriveWholeAndInOrder() throws Exception {
        client = new WebSocketClient(server.url()) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
                received.add(message);
            }

            @Override
            public void onMessage(ByteBuffer bytes) {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                received.add(copy);
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                received.add("closed " + code);
            }

            @Override
            public void onError(Exception e) {
                received.add(e);
            }
        };
        assertThat(client.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
        WebSocket connection = server.awaitOpened();

        Random random = new Random(6455);
        for (int length : List.of(0, 1, 125, 126, 127, 1000, 65535, 65536, 300_000)) {
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            ByteBuffer buffer = ByteBuffer.allocate(length + 7).position(3).put(payload).flip().position(3);
            DirectFrames.sendBinary(connection, buffer);
            assertThat(buffer.position()).as("the caller's buffer is not consumed").isEqualTo(3);
            assertThat(received.poll(10, TimeUnit.SECONDS)).as("%d bytes", length).isEqualTo(payload);
        }
        String text = "{\"type\":\"chat\",\"text\":\"你好, Zoë — ✓\"}";
        DirectFrames.sendText(connection, text);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(text);

        client.closeBlocking();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isOpen());
        assertThatThrownBy(() -> DirectFrames.sendText(connection, "late"))
                .isInstanceOf(org.java_websocket.exceptions.WebsocketNotConnectedException.class);
    }
}
