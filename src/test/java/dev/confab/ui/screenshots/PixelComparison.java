package dev.confab.ui.screenshots;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Compares two pictures of the same size pixel by pixel: a pixel differs when any colour channel (or alpha)
 * is more than {@code tolerance} apart. Pixels inside a mask are left out of the count.
 */
public record PixelComparison(int tolerance) {

    /** The outcome: how many compared pixels differ, and a picture showing them in red over a faded original. */
    public record Result(long differing, long compared, BufferedImage diff) {
        public double fraction() {
            return compared == 0 ? 0 : (double) differing / compared;
        }
    }

    public Result compare(BufferedImage expected, BufferedImage actual, List<Rectangle> masks) {
        if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + expected.getWidth() + "×" + expected.getHeight()
                    + " vs " + actual.getWidth() + "×" + actual.getHeight());
        }
        BufferedImage diff = new BufferedImage(actual.getWidth(), actual.getHeight(), BufferedImage.TYPE_INT_RGB);
        long differing = 0;
        long compared = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int a = actual.getRGB(x, y);
                if (masked(masks, x, y)) {
                    diff.setRGB(x, y, 0x3050A0); // masked: blue
                    continue;
                }
                compared++;
                if (differs(expected.getRGB(x, y), a)) {
                    differing++;
                    diff.setRGB(x, y, 0xFF0000);
                } else {
                    diff.setRGB(x, y, faded(a));
                }
            }
        }
        return new Result(differing, compared, diff);
    }

    private boolean differs(int e, int a) {
        for (int shift = 0; shift <= 24; shift += 8) {
            if (Math.abs(((e >>> shift) & 0xFF) - ((a >>> shift) & 0xFF)) > tolerance) {
                return true;
            }
        }
        return false;
    }

    private static boolean masked(List<Rectangle> masks, int x, int y) {
        for (Rectangle m : masks) {
            if (m.contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    private static int faded(int argb) {
        int grey = (((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF)) / 3;
        int light = 160 + grey * 95 / 255;
        return (light << 16) | (light << 8) | light;
    }
}
