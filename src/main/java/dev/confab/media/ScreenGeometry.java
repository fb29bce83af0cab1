package dev.confab.media;

/** Size arithmetic for screen shares. */
public final class ScreenGeometry {
    private ScreenGeometry() {
    }

    /**
     * The source size scaled down (never up) to fit inside the box, keeping its aspect ratio, with even
     * dimensions as YUV 4:2:0 encoding needs.
     */
    public static int[] fitInside(int sourceWidth, int sourceHeight, int boxWidth, int boxHeight) {
        double scale = Math.min(1.0, Math.min((double) boxWidth / sourceWidth, (double) boxHeight / sourceHeight));
        int width = Math.max(2, (int) Math.round(sourceWidth * scale) & ~1);
        int height = Math.max(2, (int) Math.round(sourceHeight * scale) & ~1);
        return new int[] {width, height};
    }
}
