package dev.confab.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The fixed 18-byte header in front of every binary (media) WebSocket frame, big-endian:
 * <pre>
 * offset size field
 *  0     1    magic+version: 0xC1 (high nibble 0xC marks Confab media, low nibble = header version 1)
 *  1     1    stream kind: 1 camera, 2 audio, 3 screen, 4 padding, 5 file chunk ({@link FileChunkFrame}
 *             reads the other fields its own way)
 *  2     1    flags: bit 0 keyframe (decodable without earlier frames; audio sets it on every frame),
 *             bits 1-2 simulcast layer of a CAMERA frame (0 the best or only one, 1, 2 smaller), others 0
 *  3     1    codec id (see {@link MediaCodec})
 *  4     2    sender participant id (unsigned); the server fills in the real sender (clients send
 *             their own id: the header is authenticated end to end as receivers get it)
 *  6     4    sequence number per stream (unsigned, wraps)
 * 10     8    capture timestamp, microseconds since the Unix epoch (signed)
 * 18     ...  payload: the encoded frame sealed end to end (SFrame, meeting.e2ee), up to the end of the WebSocket frame
 * </pre>
 */
public record MediaFrameHeader(StreamKind stream, boolean keyframe, int codecId, int senderId, long sequence,
                               long captureMicros, int layer) {

    public static final int SIZE = 18;
    public static final int MAGIC = 0xC1;
    public static final int FLAG_KEYFRAME = 0x01;
    /** Simulcast layers a CAMERA stream may have: 0 (the best, or the only one) to 2. */
    public static final int MAX_LAYERS = 3;
    private static final int LAYER_SHIFT = 1;
    private static final int LAYER_MASK = 0x3;
    /** Offset of the sender id, which the server overwrites in place when relaying. */
    public static final int SENDER_OFFSET = 4;

    public MediaFrameHeader {
        Objects.requireNonNull(stream, "stream");
        if (codecId < 0 || codecId > 0xFF) {
            throw new IllegalArgumentException("codec id out of range: " + codecId);
        }
        if (senderId < 0 || senderId > 0xFFFF) {
            throw new IllegalArgumentException("sender id out of range: " + senderId);
        }
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        if (layer < 0 || layer >= MAX_LAYERS) {
            throw new IllegalArgumentException("simulcast layer out of range: " + layer);
        }
    }

    /** A frame of the only (or best) layer. */
    public MediaFrameHeader(StreamKind stream, boolean keyframe, int codecId, int senderId, long sequence,
                            long captureMicros) {
        this(stream, keyframe, codecId, senderId, sequence, captureMicros, 0);
    }

    public MediaFrameHeader(StreamKind stream, boolean keyframe, MediaCodec codec, long sequence, long captureMicros) {
        this(stream, keyframe, codec.wireId(), 0, sequence, captureMicros);
    }

    /** The same header for simulcast layer {@code value}. */
    public MediaFrameHeader withLayer(int value) {
        return new MediaFrameHeader(stream, keyframe, codecId, senderId, sequence, captureMicros, value);
    }

    /** The same header with {@code value} as sender id (as the server stamps it for receivers). */
    public MediaFrameHeader withSender(int value) {
        return new MediaFrameHeader(stream, keyframe, codecId, value, sequence, captureMicros, layer);
    }

    public MediaCodec codec() {
        return MediaCodec.fromWireId(codecId);
    }

    /** A new buffer holding this header followed by the remaining bytes of {@code payload}, ready to send. */
    public ByteBuffer encode(ByteBuffer payload) {
        ByteBuffer frame = ByteBuffer.allocate(SIZE + payload.remaining()).order(ByteOrder.BIG_ENDIAN);
        writeTo(frame);
        frame.put(payload.duplicate());
        return frame.flip();
    }

    public void writeTo(ByteBuffer target) {
        target.put((byte) MAGIC)
                .put((byte) stream.wireId())
                .put((byte) ((keyframe ? FLAG_KEYFRAME : 0) | layer << LAYER_SHIFT))
                .put((byte) codecId)
                .putShort((short) senderId)
                .putInt((int) sequence)
                .putLong(captureMicros);
    }

    /**
     * Reads the header at the buffer's position without moving it.
     *
     * @throws IllegalArgumentException when the frame is shorter than a header or the magic/kind is wrong
     */
    public static MediaFrameHeader decode(ByteBuffer frame) {
        if (frame.remaining() < SIZE) {
            throw new IllegalArgumentException("Binary frame shorter than the " + SIZE + "-byte media header");
        }
        ByteBuffer in = frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        int magic = in.get() & 0xFF;
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format("Bad media header magic 0x%02X", magic));
        }
        StreamKind kind = StreamKind.fromWireId(in.get() & 0xFF);
        int flags = in.get() & 0xFF;
        int codec = in.get() & 0xFF;
        int sender = in.getShort() & 0xFFFF;
        long sequence = in.getInt() & 0xFFFF_FFFFL;
        long capture = in.getLong();
        int layer = kind == StreamKind.CAMERA ? flags >> LAYER_SHIFT & LAYER_MASK : 0;
        if (layer >= MAX_LAYERS) {
            throw new IllegalArgumentException("Simulcast layer " + layer + " out of range (0 to " + (MAX_LAYERS - 1) + ")");
        }
        return new MediaFrameHeader(kind, (flags & FLAG_KEYFRAME) != 0, codec, sender, sequence, capture, layer);
    }

    /** The payload after the header, as a read-only view. */
    public static ByteBuffer payloadOf(ByteBuffer frame) {
        ByteBuffer view = frame.duplicate();
        view.position(view.position() + SIZE);
        return view.slice().asReadOnlyBuffer();
    }
}
