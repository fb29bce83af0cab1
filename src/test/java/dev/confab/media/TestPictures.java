package dev.confab.media;

import java.nio.ByteBuffer;
import java.util.Random;

/** Deterministic moving BGRA pictures for codec tests: gradients, a travelling block and some grain. */
final class TestPictures {
    private final int width;
    private final int height;
    private final Random grain = new Random(42);

    TestPictures(int width, int height) {
        this.width = width;
        this.height = height;
    }

    ByteBuffer picture(int index) {
        ByteBuffer bgra = ByteBuffer.allocateDirect(width * height * 4);
        int blockX = (index * 8) % Math.max(1, width - 40);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inBlock = x >= blockX && x < blockX + 40 && y >= height / 3 && y < height / 3 + 40;
                int noise = grain.nextInt(9) - 4;
                int blue = inBlock ? 230 : clamp(x * 255 / width + noise);
                int green = inBlock ? 40 : clamp(y * 255 / height + noise);
                int red = inBlock ? 60 : clamp(((x + y + index * 4) % 256) / 2 + 64 + noise);
                bgra.put((byte) blue).put((byte) green).put((byte) red).put((byte) 255);
            }
        }
        return bgra.flip();
    }

    /** Mean absolute difference over the colour channels of two same-size BGRA pictures. */
    static double meanAbsoluteDifference(ByteBuffer expected, ByteBuffer actual, int width, int height, int actualStride) {
        long sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int channel = 0; channel < 3; channel++) {
                    int a = expected.get((y * width + x) * 4 + channel) & 0xFF;
                    int b = actual.get(y * actualStride + x * 4 + channel) & 0xFF;
                    sum += Math.abs(a - b);
                }
            }
        }
        return (double) sum / (width * height * 3L);
    }

    private static int clamp(int value) {
        return Math.clamp(value, 0, 255);
    }
}
