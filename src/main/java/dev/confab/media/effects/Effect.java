package dev.confab.media.effects;

/** An effect ready to run: a blur of a given strength, or a picture already loaded. */
public sealed interface Effect {
    /**
     * The background is averaged down by {@code downscale} and box-blurred with {@code radius} (twice) at that
     * size, so the cost barely depends on the strength.
     */
    record Blur(int downscale, int radius) implements Effect {
        public static final Blur LIGHT = new Blur(6, 1);
        public static final Blur STRONG = new Blur(8, 3);
    }

    record Replace(BackgroundPicture picture) implements Effect {
    }
}
