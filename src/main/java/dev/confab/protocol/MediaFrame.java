package dev.confab.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A received media frame: its header and a read-only view of its payload. */
public record MediaFrame(MediaFrameHeader header, ByteBuffer payload) {

    public MediaFrame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** Parses a whole binary WebSocket frame. */
    public static MediaFrame parse(ByteBuffer frame) {
        return new MediaFrame(MediaFrameHeader.decode(frame), MediaFrameHeader.payloadOf(frame));
    }
}
