package dev.confab.protocol;

/**
 * Codec ids carried in the binary frame header. The server relays any id untouched, so new codecs need no
 * server change; receivers skip frames whose codec they cannot decode.
 */
public enum MediaCodec {
    UNSPECIFIED(0), VP8(1), H264(2), OPUS(3), PCM_S16LE(4);

    private final int wireId;

    MediaCodec(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    /** The codec with this id, or {@link #UNSPECIFIED} for ids this build does not know. */
    public static MediaCodec fromWireId(int id) {
        for (MediaCodec codec : values()) {
            if (codec.wireId == id) {
                return codec;
            }
        }
        return UNSPECIFIED;
    }
}
