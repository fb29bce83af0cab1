package dev.confab.media.effects;

/** Finds the person in a small RGB picture; implementations hold native resources, so close them. */
public interface PersonSegmenter extends AutoCloseable {
    /** Width of the picture {@link #segment} expects. */
    int inputWidth();

    /** Height of the picture {@link #segment} expects. */
    int inputHeight();

    /**
     * Writes, for each pixel of {@code rgb} (interleaved R,G,B bytes, row-major, inputWidth x inputHeight),
     * the probability 0..1 that it shows a person into {@code mask} (length inputWidth x inputHeight).
     */
    void segment(byte[] rgb, float[] mask);

    @Override
    void close();
}
