package dev.confab.server;

import org.java_websocket.exceptions.InvalidDataException;

import java.nio.ByteBuffer;

/**
 * Follows the frame boundaries in the raw bytes a client sends and reports each frame header once it is
 * complete. Java-WebSocket unmasks payloads without remembering whether a frame was masked, so checks on the
 * header itself (RFC 6455 §5.1: client frames must be masked) have to look at the bytes before it does.
 * One instance per connection; not thread-safe (a connection's bytes are decoded on one thread at a time).
 */
final class FrameHeaderScanner {

    /** Receives every complete frame header. */
    @FunctionalInterface
    interface HeaderCheck {
        void check(FrameHeader header) throws InvalidDataException;
    }

    /** The fields of one frame header that the server checks. */
    record FrameHeader(boolean fin, int opcode, boolean masked, long payloadLength) {
    }

    /** 2 fixed bytes + up to 8 extended-length bytes + 4 masking-key bytes. */
    private static final int MAX_HEADER_BYTES = 14;

    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerBytesSeen;
    private long payloadBytesToSkip;

    /** Reads {@code bytes} without moving its position, calling {@code check} for every header completed. */
    void scan(ByteBuffer bytes, HeaderCheck check) throws InvalidDataException {
        ByteBuffer view = bytes.duplicate();
        while (view.hasRemaining()) {
            if (payloadBytesToSkip > 0) {
                int skip = (int) Math.min(payloadBytesToSkip, view.remaining());
                view.position(view.position() + skip);
                payloadBytesToSkip -= skip;
                continue;
            }
            header[headerBytesSeen++] = view.get();
            if (headerBytesSeen >= 2 && headerBytesSeen == headerLength()) {
                FrameHeader complete = parseHeader();
                headerBytesSeen = 0;
                // A length with the top bit set is refused by the library; until then treat it as "the rest".
                payloadBytesToSkip = complete.payloadLength() < 0 ? Long.MAX_VALUE : complete.payloadLength();
                check.check(complete);
            }
        }
    }

    private int headerLength() {
        int lengthCode = header[1] & 0x7F;
        int extendedLengthBytes = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        int maskBytes = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extendedLengthBytes + maskBytes;
    }

    private FrameHeader parseHeader() {
        int lengthCode = header[1] & 0x7F;
        long length = lengthCode;
        if (lengthCode >= 126) {
            int extendedBytes = lengthCode == 126 ? 2 : 8;
            length = 0;
            for (int i = 0; i < extendedBytes; i++) {
                length = (length << 8) | (header[2 + i] & 0xFF);
            }
        }
        return new FrameHeader((header[0] & 0x80) != 0, header[0] & 0x0F, (header[1] & 0x80) != 0, length);
    }
}
