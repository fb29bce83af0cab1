package dev.confab.media;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Paints Confab's own windows out of a shared screen before anyone sees it, for desktops where the system
 * cannot leave a window out of a capture (X11 has no such exclusion). Sits between the capture and its
 * listener; asks where Confab's windows are at most every {@link #REFRESH_MICROS} (listing windows costs a
 * few X round trips), so a window just moved may show for a moment at its new place.
 */
final class OwnWindowMask implements VideoFrameListener {
    /** How often the own windows' places are asked again. */
    static final long REFRESH_MICROS = 250_000;
    /** The colour painted over them: a dark grey that reads as "covered", opaque (BGRA). */
    static final byte[] COVER = {0x30, 0x30, 0x30, (byte) 0xFF};

    private final Rectangle captured;
    private final Supplier<List<Rectangle>> ownWindows;
    private final VideoFrameListener next;
    private List<Rectangle> covered = List.of();
    private long askedAt;
    private boolean asked;

    /**
     * @param captured   the part of the screen the pictures show, in screen pixels
     * @param ownWindows where Confab's windows are now, in screen pixels (asked on the capture thread)
     */
    OwnWindowMask(Rectangle captured, Supplier<List<Rectangle>> ownWindows, VideoFrameListener next) {
        this.captured = new Rectangle(captured);
        this.ownWindows = ownWindows;
        this.next = next;
    }

    @Override
    public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        if (!asked || captureTimeMicros - askedAt >= REFRESH_MICROS || captureTimeMicros < askedAt) {
            covered = ownWindows.get();
            askedAt = captureTimeMicros;
            asked = true;
        }
        for (Rectangle window : covered) {
            paint(window.intersection(captured), width, height, stride, bgra);
        }
        next.onFrame(width, height, stride, bgra, captureTimeMicros);
    }

    /** Fills {@code part} (screen pixels), scaled to the picture's size, rounding outwards so no edge shows. */
    private void paint(Rectangle part, int width, int height, int stride, ByteBuffer bgra) {
        if (part.isEmpty()) {
            return;
        }
        double scaleX = (double) width / captured.width;
        double scaleY = (double) height / captured.height;
        int left = Math.max(0, (int) Math.floor((part.x - captured.x) * scaleX));
        int top = Math.max(0, (int) Math.floor((part.y - captured.y) * scaleY));
        int right = Math.min(width, (int) Math.ceil((part.x + part.width - captured.x) * scaleX));
        int bottom = Math.min(height, (int) Math.ceil((part.y + part.height - captured.y) * scaleY));
        for (int y = top; y < bottom; y++) {
            int row = y * stride;
            for (int x = left; x < right; x++) {
                bgra.put(row + x * 4, COVER);
            }
        }
    }
}
