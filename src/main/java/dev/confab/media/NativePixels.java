package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;

/**
 * Describes a caller's picture (a ByteBuffer in BGRA or packed YUV420P) as FFmpeg plane pointers. Heap
 * buffers are copied into one reused native staging buffer; direct buffers are used in place.
 */
final class NativePixels implements AutoCloseable {
    final PointerPointer<BytePointer> planes = new PointerPointer<>(4);
    final IntPointer strides = new IntPointer(4);
    private BytePointer staging;
    private ByteBuffer stagingView;
    private long stagingSize;

    /** Points {@link #planes}/{@link #strides} at the picture. {@code stride} only matters for BGRA. */
    void describe(ByteBuffer pixels, int pixelFormat, int width, int height, int stride) {
        int needed = pixelFormat == avutil.AV_PIX_FMT_BGRA
                ? stride * (height - 1) + width * 4
                : avutil.av_image_get_buffer_size(pixelFormat, width, height, 1);
        if (width <= 0 || height <= 0 || (pixelFormat == avutil.AV_PIX_FMT_BGRA && stride < width * 4)) {
            throw new IllegalArgumentException("Invalid picture " + width + "x" + height + " stride " + stride);
        }
        if (pixels.remaining() < needed) {
            throw new IllegalArgumentException("Picture " + width + "x" + height + " needs " + needed
                    + " bytes, buffer has " + pixels.remaining());
        }
        BytePointer base = pixels.isDirect() ? new BytePointer(pixels) : copyToStaging(pixels, needed);
        avutil.av_image_fill_arrays(planes, strides, base, pixelFormat, width, height, 1);
        if (pixelFormat == avutil.AV_PIX_FMT_BGRA) {
            strides.put(0, stride);
        }
    }

    private BytePointer copyToStaging(ByteBuffer pixels, int needed) {
        if (stagingSize < needed) {
            freeStaging();
            staging = new BytePointer(avutil.av_malloc(needed)).capacity(needed);
            stagingView = staging.asBuffer();
            stagingSize = needed;
        }
        stagingView.clear();
        stagingView.put(pixels.duplicate().limit(pixels.position() + needed));
        return staging.position(0);
    }

    private void freeStaging() {
        if (staging != null) {
            avutil.av_free(staging);
            staging = null;
            stagingView = null;
            stagingSize = 0;
        }
    }

    @Override
    public void close() {
        freeStaging();
        planes.close();
        strides.close();
    }
}
