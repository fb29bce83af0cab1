package dev.confab.protocol;

/**
 * The kinds of media stream; the wire id is the byte used in binary frame headers. Participants send CAMERA, AUDIO
 * and SCREEN; PADDING is sent by the server only, to a client that asked to have its downlink probed
 * ({@code probe_request}, docs/protocol.md section 7.3): bytes to measure with, never decoded. FILE frames carry
 * file chunks (docs/protocol.md section 14), not media: they go after all media, to the recipients of their transfer.
 */
public enum StreamKind {
    CAMERA(1), AUDIO(2), SCREEN(3), PADDING(4),
    /** A chunk of an end-to-end encrypted file ({@link FileChunkFrame}), sent after everything else. */
    FILE(5);

    private final int wireId;

    StreamKind(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    /** CAMERA or SCREEN: pictures, with keyframes. */
    public boolean isVideo() {
        return this == CAMERA || this == SCREEN;
    }

    public static StreamKind fromWireId(int id) {
        for (StreamKind kind : values()) {
            if (kind.wireId == id) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown stream kind " + id);
    }
}
