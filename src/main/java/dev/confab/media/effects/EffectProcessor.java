package dev.confab.media.effects;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Applies a background effect to one camera's frames, on the camera's thread, before anyone else sees them:
 * the person's mask ({@link PersonMask}, at the segmenter's small size) is upsampled bilinearly and blends the
 * original frame (the person) over the background — the frame blurred at low resolution and upsampled
 * ({@link BlurredBackground}), or a picture scaled to cover the frame. Pixels are handled as ints (a BGRA pixel
 * read little-endian is 0xAARRGGBB) with red and blue blended side by side in one multiplication. All buffers are
 * reused; they are reallocated only when the frame size, the blur or the picture changes.
 */
public final class EffectProcessor {
    private static final int OPAQUE = 0xFF000000;

    private final EffectStats stats;
    private int[] frame = new int[0];
    private int[] result = new int[0];
    private ByteBuffer out;
    private IntBuffer outPixels;
    private ByteBuffer lastInput;
    private IntBuffer inputPixels;
    private PersonMask mask;
    private PersonSegmenter maskSegmenter;
    private final BlurredBackground blurred = new BlurredBackground();
    private int[] cover;
    private BackgroundPicture coverPicture;
    private int coverWidth;
    private int coverHeight;
    private Upsampling maskX;
    private Upsampling maskY;
    private Upsampling backgroundX;
    private Upsampling backgroundY;
    private int[] maskRow = new int[0];
    private int[] backgroundRow = new int[0];
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
        outPixels.put(0, result, 0, width * height);
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
        int pixels = width * height;
        if (frame.length != pixels) {
            frame = new int[pixels];
            result = new int[pixels];
            out = ByteBuffer.allocateDirect(pixels * 4).order(ByteOrder.LITTLE_ENDIAN);
            outPixels = out.asIntBuffer();
        }
        if (maskX == null || !maskX.fits(mask.width, width) || !maskY.fits(mask.height, height)) {
            maskX = new Upsampling(mask.width, width);
            maskY = new Upsampling(mask.height, height);
            maskRow = new int[mask.width];
        }
    }

    /** The camera reuses one buffer for every frame, so its int view is made once. */
    private void copyIn(ByteBuffer bgra, int width, int height, int stride) {
        if (bgra != lastInput) {
            lastInput = bgra;
            inputPixels = bgra.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear().asIntBuffer();
        }
        int base = bgra.position() / 4;
        if (stride == width * 4) {
            inputPixels.get(base, frame, 0, width * height);
        } else {
            for (int y = 0; y < height; y++) {
                inputPixels.get(base + y * (stride / 4), frame, y * width, width);
            }
        }
    }

    private void coverFor(BackgroundPicture picture, int width, int height) {
        if (picture != coverPicture || width != coverWidth || height != coverHeight) {
            cover = new int[width * height];
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

    /** The person's share (0..256) of frame pixel {@code x} in the current row. */
    private int alphaAt(int x) {
        int m = maskX.index[x];
        int w = maskX.weight[x];
        return (maskRow[m] * (256 - w) + maskRow[m + 1] * w) >>> 16;
    }

    private void compositeOverBlur(int width, int height) {
        if (backgroundX == null || !backgroundX.fits(blurred.width, width) || !backgroundY.fits(blurred.height, height)) {
            backgroundX = new Upsampling(blurred.width, width);
            backgroundY = new Upsampling(blurred.height, height);
            backgroundRow = new int[blurred.width];
        }
        int[] small = blurred.rgb;
        int sw = blurred.width;
        int[] bIndex = backgroundX.index;
        int[] bWeight = backgroundX.weight;
        for (int y = 0; y < height; y++) {
            maskRowFor(y);
            int top = backgroundY.index[y] * sw;
            int bottom = backgroundY.next(y) * sw;
            int wy = backgroundY.weight[y];
            for (int sx = 0; sx < sw; sx++) {
                backgroundRow[sx] = lerp(small[top + sx], small[bottom + sx], wy);
            }
            int p = y * width;
            for (int x = 0; x < width; x++, p++) {
                int alpha = alphaAt(x);
                if (alpha >= 256) {
                    result[p] = frame[p] | OPAQUE;
                } else {
                    int s = bIndex[x];
                    int background = lerp(backgroundRow[s], backgroundRow[s + 1], bWeight[x]);
                    result[p] = alpha == 0 ? background : lerp(background, frame[p], alpha);
                }
            }
        }
    }

    private void compositeOverPicture(int width, int height) {
        int[] picture = cover;
        for (int y = 0; y < height; y++) {
            maskRowFor(y);
            int p = y * width;
            for (int x = 0; x < width; x++, p++) {
                int alpha = alphaAt(x);
                result[p] = alpha >= 256 ? frame[p] | OPAQUE : alpha == 0 ? picture[p] : lerp(picture[p], frame[p], alpha);
            }
        }
    }

    /** {@code a} and {@code b} mixed, {@code weight}/256 of {@code b}; opaque. Red and blue share one multiply. */
    private static int lerp(int a, int b, int weight) {
        int rest = 256 - weight;
        int redBlue = (((a & 0xFF00FF) * rest + (b & 0xFF00FF) * weight) >>> 8) & 0xFF00FF;
        int green = (((a & 0xFF00) * rest + (b & 0xFF00) * weight) >>> 8) & 0xFF00;
        return OPAQUE | redBlue | green;
    }
}
