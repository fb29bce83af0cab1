package dev.confab.media;

/** Requested capture or encode geometry. */
public record VideoFormat(int width, int height, int fps) {
    public static final VideoFormat HD_720P30 = new VideoFormat(1280, 720, 30);
    public static final VideoFormat SD_360P30 = new VideoFormat(640, 360, 30);

    public VideoFormat {
        if (width <= 0 || height <= 0 || fps <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("Invalid video format " + width + "x" + height + "@" + fps);
        }
    }
}
