package dev.confab.protocol;

import java.util.List;

/** The signaling protocol versions this build speaks. */
public final class ProtocolVersion {

    public static final int CURRENT = 1;
    public static final List<Integer> SUPPORTED = List.of(CURRENT);

    /** Largest text frame either side accepts (64 KiB). */
    public static final int MAX_TEXT_FRAME_BYTES = 64 * 1024;

    private ProtocolVersion() {
    }
}
