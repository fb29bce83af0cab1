package dev.confab.server;

import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.Handshakedata;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6455 as the meeting server speaks it, with the checks Java-WebSocket leaves out (docs/protocol.md §1):
 * <ul>
 *   <li>unmasked client frames close the connection with 1002 (RFC 6455 §5.1);</li>
 *   <li>a text or binary message is refused with 1009 as soon as its fragments add up to more than its limit,
 *       not when (if ever) the last fragment arrives;</li>
 *   <li>an upgrade request larger than {@link #MAX_HANDSHAKE_BYTES} is refused instead of buffered.</li>
 * </ul>
 * The server's draft list holds one prototype; the library {@link #copyInstance() copies} it for each
 * connection, so the per-connection counters live in the copy.
 */
final class ServerDraft extends Draft_6455 {

    /** A browser's upgrade request is well under 2 KiB; 8 KiB leaves room for proxies' extra headers. */
    static final int MAX_HANDSHAKE_BYTES = 8 * 1024;

    private final int maxTextBytes;
    private final int maxBinaryBytes;
    private final FrameHeaderScanner headers = new FrameHeaderScanner();
    private final MessageSizeLimit messageSize;

    ServerDraft(int maxTextBytes, int maxBinaryBytes) {
        // The library's own per-frame limit only has to let the larger of the two messages through in one frame.
        super(Collections.emptyList(), Math.max(maxTextBytes, maxBinaryBytes));
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
        this.messageSize = new MessageSizeLimit(maxTextBytes, maxBinaryBytes);
    }

    @Override
    public Draft copyInstance() {
        return new ServerDraft(maxTextBytes, maxBinaryBytes);
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer request) throws InvalidHandshakeException {
        // The library keeps appending to a request that has no end; stop before that costs memory.
        if (request.remaining() > MAX_HANDSHAKE_BYTES) {
            throw new InvalidHandshakeException("Upgrade request over " + MAX_HANDSHAKE_BYTES + " bytes");
        }
        return super.translateHandshake(request);
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        headers.scan(buffer, ServerDraft::requireMasked);
        try {
            return super.translateFrame(buffer);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
        messageSize.count(frame);
        try {
            super.processFrame(connection, frame);
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    /**
     * The library lets some frames escape as runtime exceptions (a close frame whose reason is not UTF-8 throws
     * a NullPointerException). Its worker then only logs them and drops the rest of the read, leaving the
     * connection open in an unknown state; as a protocol error the connection is closed instead.
     */
    private static InvalidDataException malformed(RuntimeException cause) {
        return new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "Malformed frame", cause);
    }

    private static void requireMasked(FrameHeaderScanner.FrameHeader header) throws InvalidDataException {
        if (!header.masked()) {
            throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "Client frames must be masked (RFC 6455 5.1)");
        }
    }
}
