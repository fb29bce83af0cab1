package dev.confab.media;

import java.util.Locale;

/**
 * What a share shows, as the bot's statistics and logs name it. An enum so that new kinds of share (a
 * whiteboard, say) are one more constant, and a {@code switch} over it tells every place that must handle it.
 */
public enum ShareSourceKind {
    /** A whole screen (monitor), or the synthetic test screen standing in for one. */
    SCREEN,
    /** A rectangle of a screen. */
    REGION,
    /** One application window, followed where it moves. */
    WINDOW,
    /** A whiteboard: no capture, every client draws it from the shared drawing state. */
    WHITEBOARD;

    /** The kind of share {@code device} gives. */
    public static ShareSourceKind of(CaptureDevice device) {
        return ScreenSource.of(device).kind();
    }

    /** The lower-case name used in JSON ("screen", "region", "window", "whiteboard"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
