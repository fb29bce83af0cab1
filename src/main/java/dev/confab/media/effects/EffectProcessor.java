package dev.confab.media.effects;

import java.nio.ByteBuffer;

/**
 * Applies a background effect to one camera's frames, on the camera's thread, before anyone else sees them:
 * the person's mask ({@link PersonMask}, at the segmenter's small size) is upsampled bilinearly and blends the
 * original frame (the person) over the background — the frame blurred at low resolution and upsampled
 * ({@link BlurredBackground}), or a picture scaled to cover the frame. All buffers are reused; they are
 * reallocated only when the frame size, the blur or the picture changes.
 */
public final class EffectProcessor {
    private final EffectStats stats;
    private byte[] frame = new byte[0];
    private byte[] result = new byte[0];
    private ByteBuffer out;
    private PersonMask mask;
    private PersonSegmenter maskSegmenter;
    private final BlurredBackground blurred = new BlurredBackground();
    private byte[] cover;
    private BackgroundPicture coverPicture;
    private int coverWidth;
    private int coverHeight;
    private Upsampling maskX;
    private Upsampling maskY;
    private Upsampling backgroundX;
    private Upsampling backgroundY;
    private int[] maskRow = new int[0];
    private int[] rowR = new int[0];
    private int[] rowG = new int[0];
    private int[] rowB = new int[0];
    private long lastCaptureMicros;
    private double frameMillis = 1000.0 / 30;
    private double effectMillis = 4;

    public EffectProcessor(EffectStats stats) {
        this.stats = stats;
    }

    /**
     * @param segmenter null while the model is not open: everything is treated as background
     * @param bgra      the camera's frame (premultiplied BGRA, alpha 255, {@code stride} bytes a row); not changed
     * @return the processed frame, {@code width*4} bytes a row, in a buffer this processor reuses for the next frame
     */
    public ByteBuffer process(Effect effect, PersonSegmenter segmenter, int width, int height, int stride,
                              ByteBuffer bgra, long captureMicros) {
        long start = System.nanoTime();
        followFrameRate(captureMicros);
        prepare(segmenter, width, height);
        copyIn(bgra, width, height, stride);
        long modelNanos = mask.update(frame, width, height, frameMillis * 0.8 - effectMillis);
        switch (effect) {
            case Effect.Blur blur -> {
                blurred.build(frame, width, height, mask, blur);
                compositeOverBlur(width, height);
            }
            case Effect.Replace replace -> {
                coverFor(replace.picture(), width, height);
                compositeOverPicture(width, height);
            }
        }
        out.put(0, result, 0, width * height * 4);
        long effectNanos = System.nanoTime() - start - Math.max(0, modelNanos);
        effectMillis = effectMillis * 0.9 + effectNanos / 1e6 * 0.1;
        stats.record(effectNanos, modelNanos);
        return out.position(0).limit(width * height * 4);
    }

    /** How many frames per model run now (1 = every frame). */
    public int modelInterval() {
        return mask == null ? 1 : mask.interval();
    }

    private void followFrameRate(long captureMicros) {
        long delta = captureMicros - lastCaptureMicros;
        if (lastCaptureMicros != 0 && delta > 5_000 && delta < 500_000) {
            frameMillis = frameMillis * 0.9 + delta / 1000.0 * 0.1;
        }
        lastCaptureMicros = captureMicros;
    }

    private void prepare(PersonSegmenter segmenter, int width, int height) {
        if (mask == null || segmenter != maskSegmenter) {
            mask = new PersonMask(segmenter);
            maskSegmenter = segmenter;
        }
        int bytes = width * height * 4;
        if (frame.length != bytes) {
            frame = new byte[bytes];
            result = new byte[bytes];
            out = ByteBuffer.allocateDirect(bytes);
        }
        if (maskX == null || !maskX.fits(mask.width, width) || !maskY.fits(mask.height, height)) {
            maskX = new Upsampling(mask.width, width);
            maskY = new Upsampling(mask.height, height);
            maskRow = new int[mask.width];
        }
    }

    private void copyIn(ByteBuffer bgra, int width, int height, int stride) {
        int row = width * 4;
        if (stride == row) {
            bgra.get(bgra.position(), frame, 0, row * height);
        } else {
            for (int y = 0; y < height; y++) {
                bgra.get(bgra.position() + y * stride, frame, y * row, row);
            }
        }
    }

    private void coverFor(BackgroundPicture picture, int width, int height) {
        if (picture != coverPicture || width != coverWidth || height != coverHeight) {
            cover = new byte[width * height * 4];
            picture.coverInto(cover, width, height);
            coverPicture = picture;
            coverWidth = width;
            coverHeight = height;
        }
    }

    /** The mask's row for frame row {@code y}, interpolated between two mask rows: 0..65536 per mask column. */
    private void maskRowFor(int y) {
        int[] alpha = mask.alpha;
        int mw = mask.width;
        int top = maskY.index[y] * mw;
        int bottom = maskY.next(y) * mw;
        int wy = maskY.weight[y];
        for (int mx = 0; mx < mw; mx++) {
            maskRow[mx] = alpha[top + mx] * (256 - wy) + alpha[bottom + mx] * wy;
        }
    }

    private void compositeOverBlur(int width, int height) {
        if (backgroundX == null || !backgroundX.fits(blurred.width, width) || !backgroundY.fits(blurred.height, height)) {
            backgroundX = new Upsampling(blurred.width, width);
            backgroundY = new Upsampling(blurred.height, height);
            rowR = new int[blurred.width];
            rowG = new int[blurred.width];
            rowB = new int[blurred.width];
        }
        int[] small = blurred.rgb;
        int sw = blurred.width;
        int[] mIndex = maskX.index;
        int[] mWeight = maskX.weight;
        int[] bIndex = backgroundX.index;
        int[] bWeight = backgroundX.weight;
        for (int y = 0; y < height; y++) {
            maskRowFor(y);
            int top = backgroundY.index[y] * sw;
            int bottom = backgroundY.next(y) * sw;
            int wy = backgroundY.weight[y];
            for (int sx = 0; sx < sw; sx++) {
                int a = small[top + sx];
                int b = small[bottom + sx];
                rowR[sx] = ((a >> 16) & 0xFF) * (256 - wy) + ((b >> 16) & 0xFF) * wy;
                rowG[sx] = ((a >> 8) & 0xFF) * (256 - wy) + ((b >> 8) & 0xFF) * wy;
                rowB[sx] = (a & 0xFF) * (256 - wy) + (b & 0xFF) * wy;
            }
            int p = y * width * 4;
            for (int x = 0; x < width; x++, p += 4) {
                int m = mIndex[x];
                int mw = mWeight[x];
                int alpha = (maskRow[m] * (256 - mw) + maskRow[m + 1] * mw) >>> 16;
                if (alpha >= 256) {
                    copyPixel(p);
                    continue;
                }
                int s = bIndex[x];
                int bw = bWeight[x];
                int background = 256 - bw;
                int bb = (rowB[s] * background + rowB[s + 1] * bw) >>> 16;
                int bg = (rowG[s] * background + rowG[s + 1] * bw) >>> 16;
                int br = (rowR[s] * background + rowR[s + 1] * bw) >>> 16;
                blendPixel(p, alpha, bb, bg, br);
            }
        }
    }

    private void compositeOverPicture(int width, int height) {
        int[] mIndex = maskX.index;
        int[] mWeight = maskX.weight;
        byte[] picture = cover;
        for (int y = 0; y < height; y++) {
            maskRowFor(y);
            int p = y * width * 4;
            for (int x = 0; x < width; x++, p += 4) {
                int m = mIndex[x];
                int mw = mWeight[x];
                int alpha = (maskRow[m] * (256 - mw) + maskRow[m + 1] * mw) >>> 16;
                if (alpha >= 256) {
                    copyPixel(p);
                } else {
                    blendPixel(p, alpha, picture[p] & 0xFF, picture[p + 1] & 0xFF, picture[p + 2] & 0xFF);
                }
            }
        }
    }

    private void copyPixel(int p) {
        result[p] = frame[p];
        result[p + 1] = frame[p + 1];
        result[p + 2] = frame[p + 2];
        result[p + 3] = (byte) 0xFF;
    }

    /** {@code alpha} 0..255: the person's share of this pixel; the rest is background. */
    private void blendPixel(int p, int alpha, int b, int g, int r) {
        int rest = 256 - alpha;
        result[p] = (byte) (((frame[p] & 0xFF) * alpha + b * rest) >> 8);
        result[p + 1] = (byte) (((frame[p + 1] & 0xFF) * alpha + g * rest) >> 8);
        result[p + 2] = (byte) (((frame[p + 2] & 0xFF) * alpha + r * rest) >> 8);
        result[p + 3] = (byte) 0xFF;
    }
}
