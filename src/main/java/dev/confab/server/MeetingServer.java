package dev.confab.server;

import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.flow.PumpThread;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Confab meeting server: a WebSocket endpoint (wss:// by default, ws:// only on loopback when asked)
 * speaking the protocol in docs/protocol.md. The same class runs standalone ({@code confab server}) and
 * embedded in the desktop client ({@link EmbeddedServer}).
 *
 * <pre>{@code
 * MeetingServer server = new MeetingServer(new ServerConfig().bindAddress("127.0.0.1").port(0).plain(true));
 * server.start();            // blocks until listening
 * URI url = server.url();    // ws://127.0.0.1:54321
 * server.stop();             // tells clients (server_shutdown) and closes
 * }</pre>
 */
public final class MeetingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    private static final int START_TIMEOUT_SECONDS = 15;

    private final ServerConfig config;
    private final ScheduledExecutorService timers;
    private final MeetingService service;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final PumpThread relayPump = new PumpThread("confab-relay-pump");
    private ServerTls tls;
    private Transport transport;
    private ClusterNode cluster;
    private volatile boolean stopped;

    public MeetingServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    MeetingServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("confab-server-timers").factory());
        this.service = new MeetingService(config, codec, clock, timers);
    }

    /**
     * Binds and starts listening; returns once the port is open.
     *
     * @throws IOException when the port cannot be bound or the TLS identity cannot be loaded
     */
    public synchronized void start() throws IOException {
        config.validate();
        if (!config.plain()) {
            try {
                tls = config.tlsKeystore() != null
                        ? ServerTls.fromKeystore(config.tlsKeystore(), config.tlsKeystorePassword())
                        : ServerTls.selfSigned(config.dataDir());
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot load the TLS certificate: " + e.getMessage(), e);
            }
        }
        transport = new Transport(new InetSocketAddress(config.bindAddress(), config.port()));
        WebSocketServerFactory sockets = tls != null
                ? new DefaultSSLWebSocketServerFactory(tls.sslContext())
                : new DefaultWebSocketServerFactory();
        transport.setWebSocketFactory(new AcceptHookFactory(sockets, transport.admission::accepted));
        transport.start();
        timers.scheduleWithFixedDelay(new StalledWrites(transport, transport.admission::accepted),
                StalledWrites.PERIOD.toMillis(), StalledWrites.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (!transport.started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("The server did not start within " + START_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting", e);
        }
        Exception failure = transport.startFailure.get();
        if (failure != null) {
            throw new IOException("Cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + failure.getMessage(), failure);
        }
        if (config.cluster() != null) {
            URI advertise = config.cluster().advertise() != null ? config.cluster().advertise() : url();
            try {
                cluster = service.joinCluster(config.cluster(), advertise, this::fingerprint);
            } catch (RuntimeException e) {
                stopTransport();
                throw new IOException("Cannot join the cluster: " + e.getMessage(), e);
            }
        }
        LOG.info("event=server_started url={} tls={} cluster={}", url(), tls != null, cluster != null);
    }

    /** The address clients connect to, e.g. {@code wss://0.0.0.0:47100}. */
    public URI url() {
        String scheme = tls != null ? "wss" : "ws";
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        return URI.create(scheme + "://" + host + ":" + port());
    }

    public int port() {
        return transport.getPort();
    }

    /** SHA-256 fingerprint of the server certificate, or null for plain ws://. */
    public String fingerprint() {
        return tls != null ? tls.fingerprint() : null;
    }

    /** File ciphertext held now and at most so far (tests; docs/protocol.md section 14.3). */
    FileRelay.Stats fileStats() {
        return service.fileStats();
    }

    public int meetingCount() {
        return service.meetingCount();
    }

    /** Open connections from {@code address}, counted from TCP accept (for tests). */
    int connectionsFrom(InetAddress address) {
        return transport.admission.openFrom(address);
    }

    /**
     * Tells every client {@code server_shutdown}, closes all connections and the port. Idempotent. A cluster node
     * instead hands its meetings over: no {@code server_shutdown}, the clients resume on other nodes.
     */
    public void stop() {
        stopAs(true);
    }

    /**
     * Stops as a node that died would (tests of the cluster's takeover): no word to Redis, whose record of this
     * node expires by itself, and no word to the clients, whose connections just close.
     */
    public void halt() {
        stopAs(false);
    }

    private synchronized void stopAs(boolean orderly) {
        if (stopped || transport == null) {
            return;
        }
        stopped = true;
        if (cluster != null && orderly) {
            cluster.handOver();
        } else if (cluster != null) {
            cluster.halt();
        } else if (orderly) {
            service.shutdown("The server is shutting down");
        }
        stopTransport();
        LOG.info("event={}", orderly ? "server_stopped" : "server_halted");
    }

    private void stopTransport() {
        try {
            transport.stop(cluster != null ? 0 : 2000, "Server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.admission.closeNotUpgraded();
        timers.shutdownNow();
        relayPump.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private final class Transport extends WebSocketServer {

        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<Exception> startFailure = new AtomicReference<>();
        final ConnectionAdmission admission = new ConnectionAdmission(config, timers);

        Transport(InetSocketAddress address) {
            super(address, Math.max(2, Runtime.getRuntime().availableProcessors()), drafts(config));
            setReuseAddr(true);
            setTcpNoDelay(true);
            setConnectionLostTimeout(config.keepAliveSeconds());
            setDaemon(true);
        }

        private static List<Draft> drafts(ServerConfig config) {
            return List.of(new ServerDraft(ProtocolVersion.MAX_TEXT_FRAME_BYTES, config.maxBinaryFrameBytes()));
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            if (!admission.upgraded(socket)) {
                return;
            }
            ClientConnection connection = new ClientConnection(socket, codec, config, relayPump, admission.channelOf(socket));
            socket.setAttachment(connection);
            service.opened(connection);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            ClientConnection connection = socket.getAttachment();
            if (connection != null) {
                service.closed(connection, code);
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason, boolean remote) {
            // The library never finishes closing a connection whose upgrade it refused; the admission does.
            admission.closing(socket);
        }

        @Override
        protected boolean removeConnection(WebSocket socket) {
            // Called for every connection that closes, upgraded or not: the one place to forget it.
            admission.closed(socket);
            return super.removeConnection(socket);
        }

        @Override
        public void onCloseInitiated(WebSocket socket, int code, String reason) {
            // Called while the connection can still send, before the close frame: the moment to say why.
            ClientConnection connection = socket.getAttachment();
            if (connection != null && code == CloseFrame.TOOBIG) {
                service.messageTooBig(connection, reason);
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            heardFrom(socket);
            ClientConnection connection = socket.getAttachment();
            if (connection != null) {
                service.text(connection, message);
            }
        }

        @Override
        public void onMessage(WebSocket socket, ByteBuffer message) {
            heardFrom(socket);
            ClientConnection connection = socket.getAttachment();
            if (connection != null) {
                service.binary(connection, message);
            }
        }

        @Override
        public void onWebsocketPing(WebSocket socket, Framedata ping) {
            heardFrom(socket);
            PingReply.answer(socket, ping);
        }

        /**
         * The library's keep-alive closes a connection whose last pong is older than 1.5 x the ping interval.
         * A pong can wait behind seconds of media on a congested link while the connection plainly works, so
         * every message or ping from the client counts as one: only a client that sent nothing at all for that
         * long is closed (the rule of {@code protocol.flow.Liveness}, docs/protocol.md section 5).
         */
        private static void heardFrom(WebSocket socket) {
            if (socket instanceof WebSocketImpl impl) {
                impl.updateLastPong();
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            if (socket == null) {
                // Server-level failure (e.g. port in use) before or instead of onStart.
                startFailure.compareAndSet(null, e);
                started.countDown();
                LOG.error("event=server_error message={}", e.getMessage());
            } else {
                LOG.debug("event=connection_error conn={} message={}", socket.<ClientConnection>getAttachment(), e.toString());
            }
        }
    }
}
