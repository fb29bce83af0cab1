package dev.confab.testing;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A bare Java-WebSocket server on a free loopback port that does nothing but keep the first connection it opened:
 * for tests of how the meeting server's transport writes to the library, without the meeting server around it.
 */
public final class BareWebSocketServer extends WebSocketServer implements AutoCloseable {
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();

    private BareWebSocketServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
    }

    /** Started and listening. */
    public static BareWebSocketServer started() {
        BareWebSocketServer server = new BareWebSocketServer();
        server.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.getPort() > 0);
        return server;
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    /** The first connection, once upgraded. */
    public WebSocket awaitOpened() throws Exception {
        return opened.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        opened.complete(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
    }

    @Override
    public void onStart() {
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
