package dev.confab.media.effects;

import java.util.Arrays;

/**
 * The person's mask for the camera's frames, at the segmenter's size: each frame is shrunk to the segmenter's
 * input, the segmenter runs (every frame, or every 2nd or 3rd when it is too slow for the camera's rate, the last
 * mask reused in between), the result is smoothed over time (an exponential moving average, so a one-frame
 * mistake moves an edge only part of the way) and feathered (a small blur, so the edge is soft). Without a
 * segmenter (not open yet) the mask fades to "all background": nothing the user asked to hide is shown while
 * the model loads. Camera thread only; every buffer is allocated once.
 */
final class PersonMask {
    /** The new mask's weight in the moving average. */
    static final float SMOOTHING = 0.45f;
    /** Run the model at most every this many frames. */
    static final int MAX_INTERVAL = 3;
    static final int DEFAULT_WIDTH = 256;
    static final int DEFAULT_HEIGHT = 144;

    private final PersonSegmenter segmenter;
    final int width;
    final int height;
    private final byte[] rgb;
    private final float[] raw;
    private final float[] smooth;
    private final float[] blurTemp;
    /** The feathered mask as 0..256 (256 = person), what the compositor reads. */
    final int[] alpha;
    private int interval = 1;
    private int sinceRun = Integer.MAX_VALUE / 2;
    private double modelMillisAverage = -1;
    private boolean first = true;

    /** @param segmenter null while the model is not open: the mask is all background */
    PersonMask(PersonSegmenter segmenter) {
        this.segmenter = segmenter;
        this.width = segmenter == null ? DEFAULT_WIDTH : segmenter.inputWidth();
        this.height = segmenter == null ? DEFAULT_HEIGHT : segmenter.inputHeight();
        int n = width * height;
        rgb = new byte[n * 3];
        raw = new float[n];
        smooth = new float[n];
        blurTemp = new float[n];
        alpha = new int[n];
    }

    /**
     * Brings the mask up to date for {@code frame} (0xAARRGGBB pixels, {@code frameWidth} a row).
     *
     * @param spareMillis how much of the frame interval the model may use on average (the rest is the camera's
     *                    and the effect's); sets how often the model runs
     * @return the model's time in nanoseconds if it ran for this frame, else -1
     */
    long update(int[] frame, int frameWidth, int frameHeight, double spareMillis) {
        long modelNanos = -1;
        if (segmenter == null) {
            Arrays.fill(raw, 0f);
        } else if (++sinceRun >= interval) {
            sinceRun = 0;
            shrink(frame, frameWidth, frameHeight);
            long start = System.nanoTime();
            synchronized (segmenter) { // one model, and the lobby's and the meeting's camera may overlap briefly
                segmenter.segment(rgb, raw);
            }
            modelNanos = System.nanoTime() - start;
            adapt(modelNanos / 1e6, spareMillis);
        } else {
            return -1; // the last mask stands: nothing new to average in
        }
        blend();
        feather();
        return modelNanos;
    }

    /** How many frames per model run (1..{@link #MAX_INTERVAL}). */
    int interval() {
        return interval;
    }

    private void adapt(double modelMillis, double spareMillis) {
        modelMillisAverage = modelMillisAverage < 0 ? modelMillis : modelMillisAverage * 0.9 + modelMillis * 0.1;
        int wanted = (int) Math.ceil(modelMillisAverage / Math.max(1, spareMillis));
        interval = Math.clamp(wanted, 1, MAX_INTERVAL);
    }

    /** The segmenter's RGB input: each of its pixels averages four samples of its block of the frame. */
    private void shrink(int[] frame, int frameWidth, int frameHeight) {
        int o = 0;
        for (int my = 0; my < height; my++) {
            int y0 = (int) ((my + 0.25) * frameHeight / height) * frameWidth;
            int y1 = (int) ((my + 0.75) * frameHeight / height) * frameWidth;
            for (int mx = 0; mx < width; mx++) {
                int x0 = (int) ((mx + 0.25) * frameWidth / width);
                int x1 = (int) ((mx + 0.75) * frameWidth / width);
                int a = frame[y0 + x0];
                int b = frame[y0 + x1];
                int c = frame[y1 + x0];
                int d = frame[y1 + x1];
                // R and B side by side in one int: each sum of four fits in its 16 bits.
                int rb = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF) + 0x20002;
                int g = ((a >> 8) & 0xFF) + ((b >> 8) & 0xFF) + ((c >> 8) & 0xFF) + ((d >> 8) & 0xFF) + 2;
                rgb[o++] = (byte) (rb >>> 18);
                rgb[o++] = (byte) (g >> 2);
                rgb[o++] = (byte) ((rb & 0xFFFF) >> 2);
            }
        }
    }

    private void blend() {
        if (first) {
            first = false;
            if (segmenter != null) {
                System.arraycopy(raw, 0, smooth, 0, raw.length);
                return;
            }
        }
        for (int i = 0; i < raw.length; i++) {
            float r = raw[i];
            r = r < 0 ? 0 : Math.min(r, 1); // a model may overshoot; NaN becomes background
            smooth[i] += SMOOTHING * ((r == r ? r : 0) - smooth[i]);
        }
    }

    /** Two passes of a 3×3 box blur (a 5×5 tent): an edge of about ±2 mask pixels. */
    private void feather() {
        boxBlur(smooth, blurTemp, width, height);
        boxBlur(blurTemp, raw, height, width); // raw is free until the next model run
        boxBlur(raw, blurTemp, width, height);
        boxBlur(blurTemp, raw, height, width);
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = Math.round(raw[i] * 256f);
        }
    }

    /** One direction of a radius-1 box blur over rows of {@code w}, written transposed: two calls blur both ways. */
    private static void boxBlur(float[] in, float[] out, int w, int h) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float left = in[row + Math.max(x - 1, 0)];
                float right = in[row + Math.min(x + 1, w - 1)];
                out[x * h + y] = (left + in[row + x] + right) * (1f / 3);
            }
        }
    }
}
