package dev.confab.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Builds WebSocket frames byte by byte (RFC 6455 §5.2), including ones no library would send: unmasked,
 * reserved bits, unknown opcodes, lengths that lie. For raw-socket server tests.
 */
public final class WsFrames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final Random MASKS = new Random(6455);

    private WsFrames() {
    }

    /** A well-formed masked client frame. */
    public static byte[] masked(boolean fin, int opcode, byte[] payload) {
        byte[] key = new byte[4];
        MASKS.nextBytes(key);
        return frame(fin ? 0x80 | opcode : opcode, key, payload, payload.length);
    }

    /** A complete masked text message in one frame. */
    public static byte[] text(String text) {
        return masked(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame without masking key, which RFC 6455 §5.1 forbids clients to send. */
    public static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
        return frame(fin ? 0x80 | opcode : opcode, null, payload, payload.length);
    }

    /**
     * Any frame: {@code firstByte} is FIN, RSV1-3 and opcode as sent; {@code maskKey} null sends it unmasked;
     * {@code declaredLength} is written into the header whatever the payload's real length.
     */
    public static byte[] frame(int firstByte, byte[] maskKey, byte[] payload, long declaredLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write(firstByte);
        int maskBit = maskKey != null ? 0x80 : 0;
        if (declaredLength < 126) {
            out.write(maskBit | (int) declaredLength);
        } else if (declaredLength <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (declaredLength >>> 8));
            out.write((int) declaredLength);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (declaredLength >>> shift));
            }
        }
        if (maskKey != null) {
            out.writeBytes(maskKey);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ maskKey[i % 4]);
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }
}
