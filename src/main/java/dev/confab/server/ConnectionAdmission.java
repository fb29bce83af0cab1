package dev.confab.server;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's door before the WebSocket upgrade (docs/protocol.md §1): at most
 * {@link ServerConfig#maxConnectionsPerAddress()} connections per IP address, and a deadline
 * ({@link ServerConfig#handshakeTimeout()}) for TLS plus the upgrade. Java-WebSocket neither limits nor times
 * out connections that never finish the upgrade; without this, silent or half-sent requests are held forever.
 */
final class ConnectionAdmission {

    /** Close code for connections over the per-address limit (RFC 6455 "Try Again Later"). */
    static final int CLOSE_TOO_MANY_CONNECTIONS = CloseFrame.TRY_AGAIN_LATER;

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    private record Admitted(InetAddress address, boolean overLimit, SocketChannel channel) {
    }

    private final ConnectionsPerAddress perAddress;
    private final Duration handshakeTimeout;
    private final ScheduledExecutorService timers;
    private final Map<WebSocket, Admitted> admitted = new ConcurrentHashMap<>();

    ConnectionAdmission(ServerConfig config, ScheduledExecutorService timers) {
        this.perAddress = new ConnectionsPerAddress(config.maxConnectionsPerAddress());
        this.handshakeTimeout = config.handshakeTimeout();
        this.timers = timers;
    }

    int openFrom(InetAddress address) {
        return perAddress.openFrom(address);
    }

    /** A TCP connection was accepted (selector thread). Throws to have the library drop it at once. */
    void accepted(WebSocketImpl connection, SocketChannel channel) throws IOException {
        InetAddress address = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        ConnectionsPerAddress.Admission admission = perAddress.admit(address);
        if (admission == ConnectionsPerAddress.Admission.REFUSED) {
            LOG.debug("event=connection_dropped remote={} reason=too_many_connections", address.getHostAddress());
            throw new IOException("Too many connections from " + address.getHostAddress());
        }
        admitted.put(connection, new Admitted(address, admission == ConnectionsPerAddress.Admission.OVER_LIMIT, channel));
        timers.schedule(() -> closeIfNotUpgraded(connection), handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every connection accepted and not yet closed, upgraded or not (a live view). */
    Collection<WebSocket> accepted() {
        return admitted.keySet();
    }

    /** The TCP channel under an accepted connection (TLS wraps it), or null for one not accepted here. */
    SocketChannel channelOf(WebSocket connection) {
        Admitted entry = admitted.get(connection);
        return entry == null ? null : entry.channel();
    }

    /**
     * The upgrade is complete. Returns false, after closing it with 1013 and a reason, for a connection that
     * came in over its address's limit.
     */
    boolean upgraded(WebSocket connection) {
        Admitted entry = admitted.get(connection);
        if (entry == null || !entry.overLimit()) {
            return true;
        }
        LOG.info("event=connection_refused remote={} reason=too_many_connections limit={}",
                entry.address().getHostAddress(), perAddress.limit());
        connection.close(CLOSE_TOO_MANY_CONNECTIONS,
                "Too many connections from your address (limit " + perAddress.limit() + ")");
        return false;
    }

    /**
     * The library is closing a connection. One that never finished the upgrade (a bad or oversized request)
     * is closed at once: Java-WebSocket would otherwise wait for the client to hang up, reading on.
     */
    void closing(WebSocket connection) {
        if (connection.getReadyState() == ReadyState.NOT_YET_CONNECTED && connection instanceof WebSocketImpl impl) {
            impl.closeConnection(CloseFrame.NEVER_CONNECTED, "Invalid upgrade request");
        }
    }

    /** The connection is closed, whatever state it reached. */
    void closed(WebSocket connection) {
        Admitted entry = admitted.remove(connection);
        if (entry != null) {
            perAddress.release(entry.address());
        }
    }

    /**
     * Closes every connection that has not upgraded, when the server stops: the library's stop closes only
     * upgraded ones, and the handshake timers stop with the server.
     */
    void closeNotUpgraded() {
        for (WebSocket connection : admitted.keySet()) {
            if (connection.getReadyState() == ReadyState.NOT_YET_CONNECTED && connection instanceof WebSocketImpl impl) {
                impl.closeConnection(CloseFrame.NEVER_CONNECTED, "Server stopping");
            }
        }
    }

    private void closeIfNotUpgraded(WebSocketImpl connection) {
        if (connection.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
            LOG.info("event=handshake_timeout remote={}", addressOf(connection));
            // Nothing can be sent before the upgrade (possibly not even before TLS): just close the socket.
            connection.closeConnection(CloseFrame.NEVER_CONNECTED,
                    "No WebSocket upgrade within " + handshakeTimeout.toMillis() + " ms");
        }
    }

    private String addressOf(WebSocket connection) {
        Admitted entry = admitted.get(connection);
        return entry != null ? entry.address().getHostAddress() : "unknown";
    }
}
