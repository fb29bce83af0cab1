package dev.confab.media;

import java.nio.ByteBuffer;

/**
 * Receives captured or decoded pictures on the media thread that produced them. The buffer is reused for
 * the next frame: copy what you need before returning, and never block (the FX thread must not be waited on).
 */
@FunctionalInterface
public interface VideoFrameListener {
    /**
     * @param bgra              premultiplied BGRA pixels, alpha 255, {@code stride} bytes per row, position 0
     * @param captureTimeMicros sender's capture clock (epoch microseconds) for latency measurement
     */
    void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros);
}
