package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolCodec;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.flow.MediaSendQueue;
import dev.confab.protocol.flow.PumpThread;
import dev.confab.protocol.flow.SocketSendBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Server-side state of one WebSocket connection. Its messages are handled one at a time, in order. */
final class ClientConnection {

    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final long ERROR_INTERVAL_NANOS = 1_000_000_000L;
    /** Chat is for people: 2 messages a second with bursts of 6 is plenty; more is a flood (docs/protocol.md). */
    static final int CHAT_MESSAGES_PER_SECOND = 2;
    static final int CHAT_BURST = 6;
    /** Policy violation: the client stopped reading what it is sent. */
    static final int CLOSE_NOT_READING = 1008;
    /** Below this many queued frames the backlog cannot be large, so its bytes are not counted. */
    private static final int MIN_FRAMES_FOR_BACKLOG_CHECK = 16;

    final long id = NEXT_ID.getAndIncrement();
    final String remoteAddress;
    /** What per-address limits count this connection under (an IPv6 /64, see {@link AddressGroup}). */
    final String addressGroup;
    final TokenBucket messageRate;
    final TokenBucket mediaRate;
    /**
     * Media relayed to this receiver, audio ahead of video, video held to the time budget; control messages
     * bypass it. It also knows which streams this receiver can decode (started at a keyframe, nothing dropped
     * since). Sender IDs are not reused within a meeting, so stale state of departed senders stays harmless.
     */
    final MediaSendQueue media;
    final AtomicInteger rejectedMessages = new AtomicInteger();
    final TokenBucket chatRate = new TokenBucket(CHAT_MESSAGES_PER_SECOND, CHAT_BURST);

    private final WebSocket socket;
    private final ProtocolCodec codec;
    private volatile boolean greeted;
    private volatile Member member;
    /** Where this connection waits to be let in, while it does ({@link WaitingRoom}); never with a member. */
    private volatile WaitingRoom.Seat waitingSeat;
    private volatile ScheduledFuture<?> helloTimer;
    private volatile long lastThrottledError;
    private volatile boolean closedForNotReading;
    /** The simulcast layer this receiver gets of each sender's camera, by sender id. */
    final java.util.Map<Integer, LayerSelection> layers = new java.util.concurrent.ConcurrentHashMap<>();
    /** When this receiver's video is held back for a queue in its downlink to drain. */
    final QueueDrainHold drainHold = new QueueDrainHold();
    /** The downlink probe sending PADDING to this client now, if any ({@link PaddingProbe}). */
    volatile PaddingProbe probe;
    private final long maxUnreadBytes;
    private final PumpThread pump;
    private final PumpThread.Pumped pumped = () -> isOpen() && pumpMedia();
    private final SocketSendBuffer sendBuffer;
    private final MediaSendQueue.Sink librarySink = new MediaSendQueue.Sink() {
        @Override
        public long bufferedBytes() {
            return libraryPendingBytes();
        }

        @Override
        public int bufferedFrames() {
            return libraryPendingFrames();
        }

        @Override
        public void write(ByteBuffer frame) {
            sendToLibrary(frame);
        }
    };

    ClientConnection(WebSocket socket, ProtocolCodec codec, ServerConfig config, PumpThread pump, SocketChannel channel) {
        this.socket = socket;
        this.pump = pump;
        this.sendBuffer = new SocketSendBuffer(bytes -> setSendBuffer(channel, bytes));
        this.media = new MediaSendQueue(new MediaSendQueue.Limits(config.relayQueueFrames(), config.relayQueueBytes(),
                config.relayVideoBudget()));
        this.codec = codec;
        var remote = socket.getRemoteSocketAddress();
        this.remoteAddress = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        this.addressGroup = remote == null ? "unknown" : AddressGroup.of(remote.getAddress());
        this.messageRate = new TokenBucket(config.messagesPerSecond(), config.messageBurst());
        this.mediaRate = new TokenBucket(config.mediaBytesPerSecond(), config.mediaBytesPerSecond());
        this.maxUnreadBytes = config.maxUnreadBytes();
    }

    void send(ServerMessage message) {
        if (stoppedReading()) {
            return;
        }
        try {
            socket.send(codec.encode(message));
        } catch (WebsocketNotConnectedException e) {
            // Closing or closed: its onClose handles the rest; other receivers must not be affected.
        }
    }

    void sendError(ErrorCode code, String message, String requestType) {
        send(ServerMessage.ErrorMessage.of(code, message, requestType));
    }

    /** Like {@link #sendError} but at most once a second, for errors a misbehaving client may trigger in bulk. */
    void sendThrottledError(ErrorCode code, String message, String requestType) {
        long now = System.nanoTime();
        if (now - lastThrottledError >= ERROR_INTERVAL_NANOS) {
            lastThrottledError = now;
            sendError(code, message, requestType);
        }
    }

    /** Offers a relayed frame to this receiver's media queue and hands on what its socket can take now. */
    MediaSendQueue.Verdict relay(MediaSendQueue.StreamId stream, ByteBuffer frame, boolean startsStream,
                                 long captureMicros) {
        MediaSendQueue.Verdict verdict = media.offer(stream, frame, startsStream, captureMicros);
        if (pumpMedia()) {
            pump.backlogged(pumped);
        }
        return verdict;
    }

    /** Offers a file chunk to this receiver's lowest-priority lane ({@link MediaSendQueue#offerFile}). */
    MediaSendQueue.Verdict relayFile(ByteBuffer frame, Runnable handed) {
        MediaSendQueue.Verdict verdict = media.offerFile(frame, handed);
        if (pumpMedia()) {
            pump.backlogged(pumped);
        }
        return verdict;
    }

    /**
     * Hands waiting media to the library while it holds little; true while anything is still waiting, here or
     * in the library (the drain rate is measured only while it is pumped regularly).
     */
    boolean pumpMedia() {
        media.pump(librarySink, System.nanoTime());
        sendBuffer.follow(media.drainBytesPerSecond());
        return media.hasBacklog();
    }

    private static void setSendBuffer(SocketChannel channel, int bytes) {
        if (channel == null) {
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
        } catch (IOException | RuntimeException e) {
            // Closed meanwhile, or a platform without the option: the kernel's own sizing stays.
        }
    }

    private void sendToLibrary(ByteBuffer frame) {
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            // As in send(): a closing receiver simply misses the frame.
        }
    }

    /** Messages and frames handed to the library but not yet written to the socket. */
    private int libraryPendingFrames() {
        return socket instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    /** Bytes handed to the library but not yet written to the socket. */
    private long libraryPendingBytes() {
        if (!(socket instanceof WebSocketImpl impl) || impl.outQueue.isEmpty()) {
            return 0;
        }
        long bytes = 0;
        for (ByteBuffer queued : impl.outQueue) {
            bytes += queued.remaining();
        }
        return bytes;
    }

    /**
     * Messages cannot be dropped like media (they carry the meeting's state), so a client that lets more than
     * {@link ServerConfig#maxUnreadBytes()} pile up has stopped reading: it is closed (1008) rather than
     * allowed to make the server hold an ever-growing backlog. Its seat is kept for resume like any lost
     * connection, so a client that was only stalled comes back with a fresh roster.
     */
    private boolean stoppedReading() {
        if (libraryPendingFrames() + media.queuedFrames() < MIN_FRAMES_FOR_BACKLOG_CHECK
                || libraryPendingBytes() + media.queuedBytes() <= maxUnreadBytes) {
            return false;
        }
        if (!closedForNotReading) {
            closedForNotReading = true;
            String reason = "Not reading: over " + maxUnreadBytes + " bytes unread";
            offThisThread(() -> socket.closeConnection(CLOSE_NOT_READING, reason));
        }
        return true;
    }

    void close(int code, String reason) {
        offThisThread(() -> socket.close(code, reason));
    }

    /**
     * Closes run off the caller's thread: callers often hold a meeting's lock, and the library's close takes the
     * connection's lock, which its selector thread holds while it reports a close that needs the meeting's lock.
     * Closing inline deadlocked the two (seen as a server stop racing a client's own close).
     */
    private static void offThisThread(Runnable close) {
        Thread.ofVirtual().name("confab-server-close").start(close);
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    boolean greeted() {
        return greeted;
    }

    void markGreeted() {
        greeted = true;
        cancelHelloTimer();
    }

    Member member() {
        return member;
    }

    /** The member, or null after telling the client NOT_IN_MEETING for request {@code type}. */
    Member memberOrError(String type) {
        Member current = member;
        if (current == null) {
            sendError(ErrorCode.NOT_IN_MEETING, waitingSeat != null
                    ? "You are in the waiting room until a host or co-host lets you in" : "Join a meeting first", type);
        }
        return current;
    }

    WaitingRoom.Seat waitingSeat() {
        return waitingSeat;
    }

    void waitingSeat(WaitingRoom.Seat value) {
        waitingSeat = value;
    }

    void member(Member value) {
        member = value;
    }

    void helloTimer(ScheduledFuture<?> timer) {
        helloTimer = timer;
    }

    void cancelHelloTimer() {
        ScheduledFuture<?> timer = helloTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "conn-" + id;
    }
}
