package dev.confab.server;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the server's frames (RFC 6455, unmasked, one frame a message) straight into Java-WebSocket's queue for the
 * connection. The library's own send path builds, for every frame under 1,000 bytes, a {@code String} of its bytes
 * for a trace log that is switched off (Java-WebSocket 1.6.0, {@code WebSocketImpl.write}): nearly every sound
 * frame and small video frame, to every receiver. A JFR recording of a 50-person relay found 13 % of the process's
 * CPU samples there. Each frame goes in as one buffer, so it never interleaves with the library's own frames
 * (pongs, close); the library writes the queue on its selector thread as before.
 */
final class DirectFrames {
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int FIN = 0x80;

    private DirectFrames() {
    }

    /** Sends {@code payload} (its remaining bytes; not consumed) as one binary frame. */
    static void sendBinary(WebSocket socket, ByteBuffer payload) {
        send(socket, frame(BINARY, payload.duplicate()));
    }

    static void sendText(WebSocket socket, String text) {
        send(socket, frame(TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    private static void send(WebSocket socket, ByteBuffer frame) {
        if (!(socket instanceof WebSocketImpl impl)) {
            throw new IllegalArgumentException("not a Java-WebSocket connection: " + socket);
        }
        if (!impl.isOpen()) {
            throw new WebsocketNotConnectedException(); // as the library's own send does
        }
        impl.outQueue.add(frame);
        impl.getWebSocketListener().onWriteDemand(impl);
    }

    /** Header (RFC 6455 section 5.2: FIN, opcode, 7-, 16- or 64-bit length, no mask) and payload in one buffer. */
    static ByteBuffer frame(int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) (FIN | opcode));
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload);
        return frame.flip();
    }
}
