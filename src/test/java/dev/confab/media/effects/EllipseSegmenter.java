package dev.confab.media.effects;

/**
 * A stand-in for the person segmentation model, for tests of what the effect does with a mask: it does not look
 * at the picture at all, it says "person" inside a fixed ellipse (in fractions of the picture). Tests draw their
 * synthetic person as exactly that ellipse ({@link SyntheticPerson}), so the mask is right by construction and
 * the model's own quality is tested elsewhere. {@link #glitchNext} makes the next call answer "nobody here", as
 * a real model sometimes does for one frame.
 */
public final class EllipseSegmenter implements PersonSegmenter {
    static final int WIDTH = 256;
    static final int HEIGHT = 144;

    private final double centreX;
    private final double centreY;
    private final double radiusX;
    private final double radiusY;
    private final long delayMillis;
    private volatile boolean glitch;
    volatile int calls;
    volatile boolean closed;

    public EllipseSegmenter(double centreX, double centreY, double radiusX, double radiusY, long delayMillis) {
        this.centreX = centreX;
        this.centreY = centreY;
        this.radiusX = radiusX;
        this.radiusY = radiusY;
        this.delayMillis = delayMillis;
    }

    /** The person of {@link SyntheticPerson#standard}. */
    public static EllipseSegmenter standard() {
        return new EllipseSegmenter(0.5, 0.55, 0.2, 0.4, 0);
    }

    void glitchNext() {
        glitch = true;
    }

    @Override
    public int inputWidth() {
        return WIDTH;
    }

    @Override
    public int inputHeight() {
        return HEIGHT;
    }

    @Override
    public void segment(byte[] rgb, float[] mask) {
        calls++;
        if (rgb.length != WIDTH * HEIGHT * 3 || mask.length != WIDTH * HEIGHT) {
            throw new IllegalArgumentException("wrong buffer sizes");
        }
        boolean nobody = glitch;
        glitch = false;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                mask[y * WIDTH + x] = !nobody && inside((x + 0.5) / WIDTH, (y + 0.5) / HEIGHT) ? 1f : 0f;
            }
        }
        long end = System.nanoTime() + delayMillis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // computes as long as a slow model would: the effect must run it less often
        }
    }

    boolean inside(double fx, double fy) {
        double dx = (fx - centreX) / radiusX;
        double dy = (fy - centreY) / radiusY;
        return dx * dx + dy * dy <= 1;
    }

    @Override
    public void close() {
        closed = true;
    }
}
