package dev.confab.meeting.e2ee;

import java.nio.ByteBuffer;

/**
 * The SFrame header of RFC 9605 section 4.3: one config byte {@code |X|K K K|Y|C C C|} followed by the key id
 * (KID) and counter (CTR) when they do not fit in three bits. A value below 8 sits in its 3-bit field with the
 * extension flag 0; a larger one is written big-endian in the fewest bytes (1 to 8) after the config byte, the
 * field then holding that length minus one and the flag 1 (KID bytes first, then CTR bytes).
 *
 * @param kid    key id: which of the sender's keys encrypted the frame (Confab: the sender's key generation)
 * @param ctr    counter: unique per key, turned into the nonce
 * @param length how many bytes the header took on the wire (its exact bytes are authenticated, so a receiver
 *               never re-encodes it)
 */
public record SFrameHeader(long kid, long ctr, int length) {

    /** One config byte and two 8-byte values. */
    public static final int MAX_LENGTH = 17;

    /** The header a sender writes for {@code kid} and {@code ctr}: each value in its shortest form. */
    public static SFrameHeader of(long kid, long ctr) {
        return new SFrameHeader(kid, ctr, 1 + extraBytes(kid) + extraBytes(ctr));
    }

    /** Writes this header (in its shortest form) into {@code out} at {@code at}; returns the bytes written. */
    int writeTo(byte[] out, int at) {
        int kidBytes = extraBytes(kid);
        int ctrBytes = extraBytes(ctr);
        int kidField = kidBytes == 0 ? (int) kid : 0x8 | (kidBytes - 1);
        int ctrField = ctrBytes == 0 ? (int) ctr : 0x8 | (ctrBytes - 1);
        out[at] = (byte) (kidField << 4 | ctrField);
        putBigEndian(out, at + 1, kid, kidBytes);
        putBigEndian(out, at + 1 + kidBytes, ctr, ctrBytes);
        return 1 + kidBytes + ctrBytes;
    }

    /**
     * Reads the header at the buffer's position without moving it.
     *
     * @throws IllegalArgumentException when the buffer ends inside the header
     */
    public static SFrameHeader parse(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate();
        if (!in.hasRemaining()) {
            throw new IllegalArgumentException("Empty SFrame");
        }
        int config = in.get() & 0xFF;
        int kidBytes = (config & 0x80) == 0 ? 0 : ((config >> 4) & 0x7) + 1;
        int ctrBytes = (config & 0x08) == 0 ? 0 : (config & 0x7) + 1;
        if (in.remaining() < kidBytes + ctrBytes) {
            throw new IllegalArgumentException("SFrame header cut short");
        }
        long kid = kidBytes == 0 ? (config >> 4) & 0x7 : getBigEndian(in, kidBytes);
        long ctr = ctrBytes == 0 ? config & 0x7 : getBigEndian(in, ctrBytes);
        return new SFrameHeader(kid, ctr, 1 + kidBytes + ctrBytes);
    }

    /** 0 when the value fits the 3-bit field, else the fewest big-endian bytes that hold it (unsigned). */
    private static int extraBytes(long value) {
        if (value >= 0 && value < 8) {
            return 0;
        }
        return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
    }

    private static void putBigEndian(byte[] out, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[at + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }

    private static long getBigEndian(ByteBuffer in, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (in.get() & 0xFF);
        }
        return value;
    }
}
