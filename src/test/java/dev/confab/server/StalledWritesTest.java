package dev.confab.server;

import dev.confab.testing.BareWebSocketServer;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.RawWebSocket;
import dev.confab.testing.WsFrames;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A frame left in Java-WebSocket's queue after the selector thread dropped the connection's write interest
 * (the race {@link StalledWrites} mends) reaches the client anyway. The lost interest is set up as the race
 * leaves it: a frame in the queue, the key interested in reading only.
 */
@IntegrationTest
class StalledWritesTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final BareWebSocketServer server = BareWebSocketServer.started();

    @AfterEach
    void stop() throws InterruptedException {
        timers.shutdownNow();
        server.close();
    }

    @Test
    void aFrameQueuedAfterTheWriteInterestWasLostIsStillDelivered() throws Exception {
        URI url = server.url();
        try (RawWebSocket client = RawWebSocket.upgraded(url)) {
            WebSocketImpl connection = (WebSocketImpl) server.awaitOpened();
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.outQueue.isEmpty()
                    && (connection.getSelectionKey().interestOps() & SelectionKey.OP_WRITE) == 0);

            byte[] text = "after the race".getBytes(StandardCharsets.UTF_8);
            connection.outQueue.put(ByteBuffer.wrap(WsFrames.unmasked(true, WsFrames.TEXT, text)));

            client.readTimeout(Duration.ofMillis(500));
            assertThatThrownBy(client::readFrame).as("the library alone leaves the frame queued")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(StalledWrites.stalled(connection)).isTrue();

            timers.scheduleWithFixedDelay(new StalledWrites(server, () -> List.copyOf(server.getConnections())),
                    0, StalledWrites.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            client.readTimeout(Duration.ofSeconds(2));
            assertThat(client.readFrame().text()).isEqualTo("after the race");
        }
    }
}
