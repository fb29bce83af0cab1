package dev.confab.media.effects;

import dev.confab.media.MediaException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A picture to put behind the person, as packed 0xRRGGBB pixels. {@link #coverInto} scales it to cover a
 * camera frame (cropping the overflow, never stretching), once per frame size.
 */
public final class BackgroundPicture {
    /** Larger pictures are refused: decoding them would take seconds and hundreds of megabytes. */
    static final long MAX_PIXELS = 50_000_000L;

    private final int width;
    private final int height;
    private final int[] rgb;

    BackgroundPicture(int width, int height, int[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException("Bad picture " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Reads a PNG, JPEG, GIF or BMP file.
     *
     * @throws MediaException with a short reason when the file is missing, unreadable, not a picture or too large
     */
    public static BackgroundPicture load(Path file) throws MediaException {
        if (!Files.isRegularFile(file)) {
            throw new MediaException("the picture " + file + " does not exist");
        }
        BufferedImage image;
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new MediaException("the file " + file.getFileName() + " is not a picture Confab can read");
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new MediaException("the picture " + file.getFileName() + " is too large ("
                            + reader.getWidth(0) + "×" + reader.getHeight(0) + ")");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new MediaException("the picture " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        return new BackgroundPicture(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Fills {@code pixels} (frameWidth × frameHeight, 0xFFRRGGBB) with the picture scaled to cover the frame and
     * centred, bilinear. Not for the per-frame path: callers keep the result while the size stays.
     */
    public void coverInto(int[] pixels, int frameWidth, int frameHeight) {
        double scale = Math.max((double) frameWidth / width, (double) frameHeight / height);
        double offsetX = (width - frameWidth / scale) / 2;
        double offsetY = (height - frameHeight / scale) / 2;
        int i = 0;
        for (int y = 0; y < frameHeight; y++) {
            double sy = Math.clamp(offsetY + (y + 0.5) / scale - 0.5, 0, height - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < frameWidth; x++) {
                double sx = Math.clamp(offsetX + (x + 0.5) / scale - 0.5, 0, width - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                int a = rgb[y0 * width + x0];
                int b = rgb[y0 * width + x1];
                int c = rgb[y1 * width + x0];
                int d = rgb[y1 * width + x1];
                int pixel = 0xFF000000;
                for (int shift = 0; shift <= 16; shift += 8) {
                    double top = ((a >> shift) & 0xFF) * (1 - fx) + ((b >> shift) & 0xFF) * fx;
                    double bottom = ((c >> shift) & 0xFF) * (1 - fx) + ((d >> shift) & 0xFF) * fx;
                    pixel |= (int) Math.round(top * (1 - fy) + bottom * fy) << shift;
                }
                pixels[i++] = pixel;
            }
        }
    }
}
