package dev.confab.meeting.share;

import java.nio.ByteBuffer;

/**
 * Cheap change detection for shared screens: each picture is reduced to a grid of tile checksums (sampling
 * every few pixels), and the fraction of tiles that changed since the previous picture says whether the
 * content is static (a slide, a document being read) or moving (scrolling, video).
 */
final class ContentActivity {
    static final int COLUMNS = 16;
    static final int ROWS = 9;
    private static final int SAMPLE_STEP = 4;

    private final long[] previous = new long[COLUMNS * ROWS];
    private final long[] current = new long[COLUMNS * ROWS];
    private boolean hasPrevious;

    /** The fraction of tiles (0..1) that differ from the previous picture; 1 for the first picture. */
    double changedFraction(ByteBuffer bgra, int width, int height, int stride) {
        java.util.Arrays.fill(current, 0);
        for (int y = 0; y < height; y += SAMPLE_STEP) {
            int row = Math.min(ROWS - 1, y * ROWS / height);
            int rowStart = y * stride;
            for (int x = 0; x < width; x += SAMPLE_STEP) {
                int tile = row * COLUMNS + Math.min(COLUMNS - 1, x * COLUMNS / width);
                int pixel = bgra.getInt(rowStart + x * 4);
                current[tile] = current[tile] * 31 + pixel;
            }
        }
        int changed = 0;
        for (int i = 0; i < current.length; i++) {
            if (!hasPrevious || current[i] != previous[i]) {
                changed++;
            }
        }
        System.arraycopy(current, 0, previous, 0, current.length);
        hasPrevious = true;
        return (double) changed / current.length;
    }
}
