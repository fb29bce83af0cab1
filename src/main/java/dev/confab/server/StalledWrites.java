package dev.confab.server;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Puts back the write interest Java-WebSocket 1.6.0 can lose. A worker thread queues a frame and sets
 * {@code OP_READ | OP_WRITE} on the connection's key; the selector thread, having just emptied that queue,
 * then sets {@code OP_READ} alone. The frame waits until something else is sent on that connection: in a
 * quiet meeting a chat message waited for the next keep-alive ping, and a close frame (sent when nothing
 * follows) waited forever, so a client that broke the protocol never learnt why and was never hung up on.
 * Every {@link #PERIOD} a connection with queued frames but no write interest gets it back.
 */
final class StalledWrites implements Runnable {

    /** How long a lost write can wait at most; a sweep of a few hundred connections costs microseconds. */
    static final Duration PERIOD = Duration.ofMillis(50);

    private final WebSocketServer server;
    private final Supplier<Collection<WebSocket>> connections;

    StalledWrites(WebSocketServer server, Supplier<Collection<WebSocket>> connections) {
        this.server = server;
        this.connections = connections;
    }

    @Override
    public void run() {
        for (WebSocket connection : connections.get()) {
            if (connection instanceof WebSocketImpl impl && stalled(impl)) {
                server.onWriteDemand(impl);
            }
        }
    }

    static boolean stalled(WebSocketImpl connection) {
        SelectionKey key = connection.getSelectionKey();
        if (key == null || connection.outQueue.isEmpty()) {
            return false;
        }
        try {
            return key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0;
        } catch (CancelledKeyException closedMeanwhile) {
            return false;
        }
    }
}
