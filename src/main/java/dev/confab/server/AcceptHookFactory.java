package dev.confab.server;

import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Wraps the library's connection factory (plain or TLS) to tell the server about every accepted TCP
 * connection, with its socket, before any byte is read. Java-WebSocket itself reports a connection only once
 * its WebSocket upgrade is complete, which is too late to limit or time out the ones that never get there.
 */
final class AcceptHookFactory implements WebSocketServerFactory {

    /** Called on the selector thread for each accepted connection. */
    @FunctionalInterface
    interface AcceptListener {
        /** @throws IOException to refuse the connection: the library then closes its socket */
        void accepted(WebSocketImpl connection, SocketChannel channel) throws IOException;
    }

    private final WebSocketServerFactory delegate;
    private final AcceptListener listener;

    AcceptHookFactory(WebSocketServerFactory delegate, AcceptListener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return delegate.createWebSocket(adapter, draft);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return delegate.createWebSocket(adapter, drafts);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        ByteChannel wrapped = delegate.wrapChannel(channel, key);
        // The library registered the connection as the key's attachment just before wrapping its channel.
        listener.accepted((WebSocketImpl) key.attachment(), channel);
        return wrapped;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
