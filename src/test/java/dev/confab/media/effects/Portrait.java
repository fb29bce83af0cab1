package dev.confab.media.effects;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A camera-like 16:9 picture (512x288) cut from a bundled, freely licensed photograph, with the person's outline
 * traced by hand (portraits/README.md says where each comes from and how the outlines were made).
 */
record Portrait(String name, BufferedImage picture, boolean[] person) {
    static final int WIDTH = 512;
    static final int HEIGHT = 288;

    /** The three photographs with a person: a portrait, a man at a video camera, a close-up under a cap. */
    static List<Portrait> withPeople() {
        return List.of(load("astronaut.png", 0), load("camera.png", 40), load("grace_hopper.jpg", 0));
    }

    /** A wall of bricks (CC0) with nobody in front of it. */
    static BufferedImage brickWall() {
        return crop(read("brick.png"), 100);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Portrait load(String file, int cropTop) {
        BufferedImage mask = read(file.replaceFirst("\\.[a-z]+$", "-person.png"));
        boolean[] person = new boolean[WIDTH * HEIGHT];
        for (int i = 0; i < person.length; i++) {
            person[i] = (mask.getRGB(i % WIDTH, i / WIDTH) & 0xFF) > 127;
        }
        return new Portrait(file, crop(read(file), cropTop), person);
    }

    private static BufferedImage read(String file) {
        try (InputStream in = Portrait.class.getResourceAsStream("portraits/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test picture portraits/" + file);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage crop(BufferedImage source, int top) {
        BufferedImage crop = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = crop.createGraphics();
        graphics.drawImage(source, 0, -top, null);
        graphics.dispose();
        return crop;
    }

    /** {@code picture} shrunk to width x height (averaging, as a camera picture is shrunk) as interleaved RGB bytes. */
    static byte[] rgb(BufferedImage picture, int width, int height) {
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = small.createGraphics();
        graphics.drawImage(picture.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        graphics.dispose();
        byte[] rgb = new byte[3 * width * height];
        for (int i = 0; i < width * height; i++) {
            int pixel = small.getRGB(i % width, i / width);
            rgb[3 * i] = (byte) (pixel >> 16);
            rgb[3 * i + 1] = (byte) (pixel >> 8);
            rgb[3 * i + 2] = (byte) pixel;
        }
        return rgb;
    }

    /**
     * Intersection over union of the hand-made outline and {@code mask} (the segmenter's, maskWidth x maskHeight),
     * enlarged to this picture's size as the effect does (bilinear) and cut at 0.5.
     */
    double intersectionOverUnion(float[] mask, int maskWidth, int maskHeight) {
        float[] enlarged = enlarge(mask, maskWidth, maskHeight);
        int both = 0;
        int either = 0;
        for (int i = 0; i < person.length; i++) {
            boolean found = enlarged[i] > 0.5f;
            both += person[i] && found ? 1 : 0;
            either += person[i] || found ? 1 : 0;
        }
        return (double) both / either;
    }

    /** Share of the pixels the segmenter calls a person (probability above 0.5). */
    static double personShare(float[] mask) {
        int count = 0;
        for (float probability : mask) {
            count += probability > 0.5f ? 1 : 0;
        }
        return (double) count / mask.length;
    }

    private static float[] enlarge(float[] mask, int width, int height) {
        float[] result = new float[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            float sourceY = Math.clamp((y + 0.5f) * height / HEIGHT - 0.5f, 0, height - 1);
            int y0 = (int) sourceY;
            int y1 = Math.min(y0 + 1, height - 1);
            float fy = sourceY - y0;
            for (int x = 0; x < WIDTH; x++) {
                float sourceX = Math.clamp((x + 0.5f) * width / WIDTH - 0.5f, 0, width - 1);
                int x0 = (int) sourceX;
                int x1 = Math.min(x0 + 1, width - 1);
                float fx = sourceX - x0;
                float top = mask[y0 * width + x0] * (1 - fx) + mask[y0 * width + x1] * fx;
                float bottom = mask[y1 * width + x0] * (1 - fx) + mask[y1 * width + x1] * fx;
                result[y * WIDTH + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return result;
    }
}
