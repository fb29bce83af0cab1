package dev.confab.media.effects;

/**
 * Opens the person segmenter background effects use. Opening loads a model (slow, native memory), so it is
 * called once, off the FX and camera threads; a failure means background effects are not available here.
 */
@FunctionalInterface
public interface SegmenterSource {
    PersonSegmenter open() throws Exception;

    /**
     * The segmenter this build ships (the bundled selfie model, {@link PersonSegmenters#open()}): the one place
     * the app, the bot and the benchmark get it from.
     */
    static SegmenterSource installed() {
        return PersonSegmenters::open;
    }
}
