package dev.confab.protocol;

import java.nio.ByteBuffer;

/**
 * A FILE binary frame: one chunk of a transfer announced with {@code file_offer}. It uses the media header's
 * layout (docs/protocol.md section 14.2) with its fields read differently:
 * <pre>
 * offset size field
 *  0     1    0xC1, as every binary frame
 *  1     1    stream kind 5 (FILE)
 *  2     1    flags: bit 0 set on the transfer's last chunk, others 0
 *  3     1    0
 *  4     2    sender participant id (stamped by the server, as for media)
 *  6     4    chunk index, from 0 (unsigned)
 * 10     8    transfer id (the file_offer's transferId, 1 to 2^31-1, in the low 4 bytes; the high 4 are 0)
 * 18     ...  the sealed chunk (AES-256-GCM ciphertext and 16-byte tag, docs/security.md section 10)
 * </pre>
 */
public record FileChunkFrame(int senderId, int transferId, int index, boolean last, ByteBuffer sealed) {

    /** Plain bytes of a file in each chunk but the last. */
    public static final int CHUNK_BYTES = 16 * 1024;
    /** AES-GCM tag added to each chunk. */
    public static final int TAG_BYTES = 16;
    /** Chunks a sender may have sent but not yet had acknowledged ({@code file_ack}). */
    public static final int WINDOW = 16;
    /** The largest FILE frame: header, a full chunk and its tag. */
    public static final int MAX_FRAME_BYTES = MediaFrameHeader.SIZE + CHUNK_BYTES + TAG_BYTES;

    /** The whole binary frame, ready to send (sender id 0: the server stamps it). */
    public static ByteBuffer encode(int transferId, int index, boolean last, byte[] sealed) {
        MediaFrameHeader header = new MediaFrameHeader(StreamKind.FILE, last, 0, 0, index & 0xFFFF_FFFFL,
                transferId & 0xFFFF_FFFFL, 0);
        return header.encode(ByteBuffer.wrap(sealed));
    }

    /**
     * Reads a received frame of kind FILE.
     *
     * @throws IllegalArgumentException when the header is not a FILE chunk header
     */
    public static FileChunkFrame of(MediaFrame frame) {
        MediaFrameHeader header = frame.header();
        if (header.stream() != StreamKind.FILE) {
            throw new IllegalArgumentException("Not a FILE frame: " + header.stream());
        }
        long transfer = header.captureMicros();
        if (transfer < 1 || transfer > Integer.MAX_VALUE || header.sequence() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("FILE frame with transfer id " + transfer + " or index "
                    + header.sequence() + " out of range");
        }
        return new FileChunkFrame(header.senderId(), (int) transfer, (int) header.sequence(), header.keyframe(),
                frame.payload());
    }
}
