package dev.confab.signaling;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.ProtocolVersion;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.Liveness;
import dev.confab.protocol.flow.MediaSendQueue;
import dev.confab.protocol.flow.PumpThread;
import dev.confab.protocol.flow.SocketSendBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection to a Confab server, past the version handshake. A connection is used once:
 * to reconnect, {@link #open} a new one (the underlying WebSocket client cannot be reused).
 *
 * <p>Keep-alive ({@link Liveness}): pings go out every {@link #PING_EVERY}; anything received counts as a sign
 * of life, so a pong queued behind media on a congested downlink does not end the connection. A server from
 * which nothing at all arrived for {@link #DEAD_AFTER} is reported through {@link SignalingListener#onClosed}
 * with code 1006.
 *
 * <p>Uplink: media waits in a {@link MediaSendQueue} (audio ahead of screen ahead of camera, video dropped
 * beyond {@link #UPLINK_VIDEO_BUDGET} of backlog) and is handed to the library only while its first-in
 * first-out buffer holds little; messages bypass it, so a chat or a pong never waits behind video.
 * All methods are thread-safe.
 */
public final class SignalingConnection implements AutoCloseable {

    public static final Duration PING_EVERY = Duration.ofSeconds(2);
    /** Long enough for a congested link's bursts, short enough that an outage is noticed while people wait. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(5);
    static final Duration UPLINK_VIDEO_BUDGET = Duration.ofMillis(300);
    private static final MediaSendQueue.Limits UPLINK_LIMITS = new MediaSendQueue.Limits(256, 4L * 1024 * 1024,
            UPLINK_VIDEO_BUDGET);
    private static final long LIVENESS_CHECK_MILLIS = 250;
    /** One thread for every connection of this process: checking liveness is short work. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confab-signaling-timer").factory());
    /** Moves every connection's waiting uplink media on while its socket is backed up. */
    private static final PumpThread UPLINK_PUMP = new PumpThread("confab-uplink-pump");
    private static final int MAX_INCOMING_FRAME_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SignalingConnection.class);
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final Client client;
    private final ServerMessage.Welcome welcome;

    private SignalingConnection(Client client, ServerMessage.Welcome welcome) {
        this.client = client;
        this.welcome = welcome;
    }

    /**
     * Connects to {@code uri} (ws:// or wss://), sends {@code hello} and waits for {@code welcome}.
     * Blocks the calling thread up to {@code timeout}; never call it on the UI thread.
     *
     * @throws SignalingException typed reason for the failure (unreachable, certificate, version, ...)
     */
    public static SignalingConnection open(URI uri, ServerTrust trust, SignalingListener listener, Duration timeout)
            throws SignalingException, InterruptedException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new SignalingException(SignalingException.Kind.UNREACHABLE, "Server address must start with wss:// or ws://");
        }
        PinningTrustManager trustManager = secure ? new PinningTrustManager(trust.pinnedFingerprint()) : null;
        Client client = new Client(uri, listener, timeout);
        if (secure) {
            client.setSocketFactory(sslContext(trustManager).getSocketFactory());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean connected = client.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!connected) {
            client.close();
            throw connectFailure(uri, client, trustManager);
        }
        client.startTimers();
        client.send(CODEC.encode(new ClientMessage.Hello(ProtocolVersion.CURRENT, "Confab")));
        try {
            ServerMessage first = client.firstMessage.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (first instanceof ServerMessage.Welcome welcome) {
                return new SignalingConnection(client, welcome);
            }
            client.close();
            if (first instanceof ServerMessage.ErrorMessage error && error.code() == ErrorCode.UNSUPPORTED_VERSION) {
                throw new SignalingException(SignalingException.Kind.UNSUPPORTED_VERSION, error.message(), null,
                        error.code(), null);
            }
            throw new SignalingException(SignalingException.Kind.PROTOCOL_ERROR, "Expected welcome, got " + first);
        } catch (TimeoutException e) {
            client.close();
            throw new SignalingException(SignalingException.Kind.TIMEOUT, "The server did not answer the handshake in time");
        } catch (ExecutionException e) {
            client.close();
            throw new SignalingException(SignalingException.Kind.UNREACHABLE,
                    "The server closed the connection during the handshake", null, null, e.getCause());
        }
    }

    private static SignalingException connectFailure(URI uri, Client client, PinningTrustManager trustManager) {
        if (trustManager != null && trustManager.verdict() == PinningTrustManager.Verdict.UNTRUSTED) {
            return new SignalingException(SignalingException.Kind.CERTIFICATE_UNTRUSTED,
                    "The server's certificate is not trusted by this computer", trustManager.presentedFingerprint(),
                    null, client.failure);
        }
        if (trustManager != null && trustManager.verdict() == PinningTrustManager.Verdict.CHANGED) {
            return new SignalingException(SignalingException.Kind.CERTIFICATE_CHANGED,
                    "The server's certificate differs from the one trusted before", trustManager.presentedFingerprint(),
                    null, client.failure);
        }
        if (client.failure instanceof SSLException) {
            return new SignalingException(SignalingException.Kind.PROTOCOL_ERROR,
                    "Secure connection failed: " + client.failure.getMessage(), null, null, client.failure);
        }
        String detail = client.failure != null ? client.failure.getMessage() : "no answer";
        return new SignalingException(SignalingException.Kind.UNREACHABLE,
                "Cannot reach " + uri.getHost() + ":" + uri.getPort() + " (" + detail + ")", null, null, client.failure);
    }

    private static SSLContext sslContext(PinningTrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    /** The server's {@code welcome}: negotiated version and its limits. */
    public ServerMessage.Welcome welcome() {
        return welcome;
    }

    /** Sends a message; silently ignored when the connection is already closed (its onClosed will follow). */
    public void send(ClientMessage message) {
        try {
            client.send(CODEC.encode(message));
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Not sent, connection closed: {}", message.getClass().getSimpleName());
        }
    }

    /**
     * Queues one media frame for the uplink. Returns false (frame dropped) when the connection is closed, or
     * for video when the uplink is congested or the stream must restart at a keyframe after such a drop: the
     * caller should then make its next picture a keyframe (and lower its rate). Audio is dropped only when the
     * uplink has stopped taking anything.
     */
    public boolean sendMedia(MediaFrameHeader header, ByteBuffer payload) {
        if (!client.isOpen()) {
            return false;
        }
        var stream = new MediaSendQueue.StreamId(0, header.stream());
        boolean startsStream = header.keyframe() || header.stream() == StreamKind.AUDIO;
        var verdict = client.uplink.offer(stream, header.encode(payload), startsStream, header.captureMicros());
        if (verdict != MediaSendQueue.Verdict.QUEUED) {
            return false;
        }
        if (client.pumpUplink()) {
            UPLINK_PUMP.backlogged(client.pumped);
        }
        return true;
    }

    /**
     * Queues a whole FILE frame ({@link dev.confab.protocol.FileChunkFrame}) behind all media: it goes only while
     * no media waits. False when the connection is closed. The caller keeps to the file window, which keeps the
     * lane far below its bound.
     */
    public boolean sendFileChunk(ByteBuffer frame) {
        if (!client.isOpen() || client.uplink.offerFile(frame, () -> { }) != MediaSendQueue.Verdict.QUEUED) {
            return false;
        }
        if (client.pumpUplink()) {
            UPLINK_PUMP.backlogged(client.pumped);
        }
        return true;
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    /**
     * The uplink at this moment: {@code waitingMillis} of media wait for the socket (at the rate it drained
     * while it was the bottleneck; 0 before that was measured), {@code drainBitsPerSecond} that rate (NaN while
     * unmeasured), {@code bottleneck} whether it still is, {@code sentBytes} all media handed on so far.
     */
    public record Uplink(long waitingMillis, double drainBitsPerSecond, boolean bottleneck, long sentBytes) {
    }

    public Uplink uplink() {
        MediaSendQueue queue = client.uplink;
        return new Uplink(queue.waitingMillis(), queue.drainBytesPerSecond() * 8, queue.drainIsBottleneck(),
                queue.handedBytes());
    }

    /** Closes normally (1000). onClosed follows on the library thread. */
    @Override
    public void close() {
        client.close(1000, "Client closing");
    }

    /**
     * Sends {@code leave} and lets the server close the connection once it has taken the participant out
     * (it answers {@code meeting_left} and closes). Closing from this side straight after sending raced the
     * leave itself: Java-WebSocket's client stops reading and drops the socket as soon as a close it started
     * meets incoming data (media still streaming in), which can be before its writer thread has sent the
     * leave. The server then saw a lost connection and kept the seat for the resume grace, a ghost in
     * everyone's participant list.
     * If the server has not closed within {@code grace}, the connection is closed from here.
     */
    public void leave(Duration grace) {
        send(new ClientMessage.Leave());
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!client.isClosed()) {
                close();
            }
        });
    }

    /** Drops the TCP connection without a closing handshake, as a network failure would. */
    public void abort() {
        client.closeConnection(1006, "Aborted");
    }

    private static final class Client extends WebSocketClient {

        final CompletableFuture<ServerMessage> firstMessage = new CompletableFuture<>();
        final MediaSendQueue uplink = new MediaSendQueue(UPLINK_LIMITS);
        private final SignalingListener listener;
        private final AtomicBoolean closedReported = new AtomicBoolean();
        private final Liveness liveness = new Liveness(DEAD_AFTER, PING_EVERY, System.nanoTime());
        private final MediaSendQueue.Sink librarySink = new MediaSendQueue.Sink() {
            @Override
            public long bufferedBytes() {
                if (!(getConnection() instanceof WebSocketImpl impl) || impl.outQueue.isEmpty()) {
                    return 0;
                }
                long bytes = 0;
                for (ByteBuffer queued : impl.outQueue) {
                    bytes += queued.remaining();
                }
                return bytes;
            }

            @Override
            public int bufferedFrames() {
                return getConnection() instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
            }

            @Override
            public void write(ByteBuffer frame) {
                try {
                    send(frame);
                } catch (WebsocketNotConnectedException e) {
                    // Closing: onClose reports it; the frame is simply lost.
                }
            }
        };
        private volatile SocketSendBuffer sendBuffer;
        private final PumpThread.Pumped pumped = this::pumpUplink;
        private volatile ScheduledFuture<?> livenessTimer;
        volatile Exception failure;

        Client(URI uri, SignalingListener listener, Duration connectTimeout) {
            super(uri, new Draft_6455(Collections.emptyList(), MAX_INCOMING_FRAME_BYTES), Map.of(),
                    (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            this.listener = listener;
            // The library's keep-alive counts only pongs; Liveness counts everything received.
            setConnectionLostTimeout(0);
            setTcpNoDelay(true);
        }

        void startTimers() {
            liveness.heard(System.nanoTime()); // the handshake just completed: the silence counts from now
            sendBuffer = new SocketSendBuffer(this::setSendBuffer);
            livenessTimer = TIMERS.scheduleWithFixedDelay(this::checkLiveness, LIVENESS_CHECK_MILLIS,
                    LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** Hands waiting media to the library; true while some still waits (then the pump thread comes back). */
        boolean pumpUplink() {
            if (!isOpen()) {
                return false;
            }
            uplink.pump(librarySink, System.nanoTime());
            SocketSendBuffer buffer = sendBuffer;
            if (buffer != null) {
                buffer.follow(uplink.drainBytesPerSecond());
            }
            return uplink.hasBacklog();
        }

        private void setSendBuffer(int bytes) {
            try {
                java.net.Socket tcp = getSocket();
                if (tcp != null) {
                    tcp.setSendBufferSize(bytes);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // Closed meanwhile: nothing to size.
            }
        }

        private void checkLiveness() {
            if (!isOpen()) {
                return;
            }
            long now = System.nanoTime();
            switch (liveness.check(now)) {
                case DEAD -> {
                    LOG.info("Nothing received from the server for {} ms: connection lost",
                            liveness.silentFor(now).toMillis());
                    closeConnection(1006, "Nothing received for " + DEAD_AFTER.toSeconds() + " s");
                }
                case PING -> {
                    try {
                        sendPing();
                    } catch (WebsocketNotConnectedException e) {
                        // Closing: onClose follows.
                    }
                }
                case NOTHING -> { }
            }
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata ping) {
            liveness.heard(System.nanoTime());
            super.onWebsocketPing(conn, ping);
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata pong) {
            liveness.heard(System.nanoTime());
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            // The hello is sent by open() once connectBlocking returns.
        }

        @Override
        public void onMessage(String text) {
            liveness.heard(System.nanoTime());
            ServerMessage message;
            try {
                message = CODEC.decodeServer(text);
            } catch (ProtocolException e) {
                LOG.warn("Ignoring a server message this client cannot read: {}", e.getMessage());
                return;
            }
            if (!firstMessage.isDone()) {
                firstMessage.complete(message);
                return;
            }
            listener.onMessage(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            liveness.heard(System.nanoTime());
            if (!firstMessage.isDone()) {
                return;
            }
            MediaFrame frame;
            try {
                frame = MediaFrame.parse(bytes);
            } catch (IllegalArgumentException e) {
                LOG.debug("Ignoring a malformed media frame: {}", e.getMessage());
                return;
            }
            listener.onMedia(frame);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            cancel(livenessTimer);
            boolean handshakeDone = firstMessage.isDone() && !firstMessage.isCompletedExceptionally()
                    && firstMessage.join() instanceof ServerMessage.Welcome;
            firstMessage.completeExceptionally(new IllegalStateException("Closed: " + code + " " + reason));
            if (handshakeDone && closedReported.compareAndSet(false, true)) {
                listener.onClosed(code, reason, remote);
            }
        }

        private static void cancel(ScheduledFuture<?> timer) {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public void onError(Exception e) {
            if (failure == null) {
                failure = e;
            }
            LOG.debug("WebSocket error: {}", e.toString());
        }
    }
}
