package dev.confab.media.effects;

import java.nio.ByteBuffer;

/**
 * A synthetic camera picture with a "person": a reddish ellipse with a fine texture in front of a greenish
 * background with another fine texture, both sharp (1-pixel detail), so a test can measure each region's
 * sharpness. The ellipse is {@link EllipseSegmenter#standard()}'s.
 */
final class SyntheticPerson {
    final int width;
    final int height;
    final byte[] bgra;
    private final EllipseSegmenter shape = EllipseSegmenter.standard();

    SyntheticPerson(int width, int height) {
        this.width = width;
        this.height = height;
        this.bgra = new byte[width * height * 4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 4;
                boolean person = isPerson(x, y);
                boolean dot = ((x / 2) + (y / 2)) % 2 == 0;
                int level = dot ? 230 : 30;
                bgra[i] = (byte) (person ? 40 : level / 3);      // B
                bgra[i + 1] = (byte) (person ? 60 : level);      // G
                bgra[i + 2] = (byte) (person ? level : 50);      // R
                bgra[i + 3] = (byte) 0xFF;
            }
        }
    }

    boolean isPerson(int x, int y) {
        return shape.inside((x + 0.5) / width, (y + 0.5) / height);
    }

    /** Inside the person by at least {@code margin} pixels in every direction. */
    boolean deepPerson(int x, int y, int margin) {
        return isPerson(x - margin, y) && isPerson(x + margin, y) && isPerson(x, y - margin) && isPerson(x, y + margin);
    }

    /** Away from the person by at least {@code margin} pixels in every direction. */
    boolean deepBackground(int x, int y, int margin) {
        for (int dy = -margin; dy <= margin; dy += margin) {
            for (int dx = -margin; dx <= margin; dx += margin) {
                if (isPerson(x + dx, y + dy)) {
                    return false;
                }
            }
        }
        return true;
    }

    ByteBuffer direct() {
        return ByteBuffer.allocateDirect(bgra.length).put(0, bgra);
    }

    /** Variance of the 4-neighbour Laplacian of the luma over the pixels {@code region} selects: sharpness. */
    static double laplacianVariance(byte[] bgra, int width, int height, java.util.function.BiPredicate<Integer, Integer> region) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 1; y < height - 1; y += 1) {
            for (int x = 1; x < width - 1; x += 1) {
                if (!region.test(x, y)) {
                    continue;
                }
                double lap = 4 * luma(bgra, width, x, y) - luma(bgra, width, x - 1, y) - luma(bgra, width, x + 1, y)
                        - luma(bgra, width, x, y - 1) - luma(bgra, width, x, y + 1);
                sum += lap;
                squares += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    static double luma(byte[] bgra, int width, int x, int y) {
        int i = (y * width + x) * 4;
        return 0.114 * (bgra[i] & 0xFF) + 0.587 * (bgra[i + 1] & 0xFF) + 0.299 * (bgra[i + 2] & 0xFF);
    }
}
