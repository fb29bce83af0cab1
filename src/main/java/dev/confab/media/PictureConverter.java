package dev.confab.media;

import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * swscale conversion/scaling between pixel formats. The context is cached and only rebuilt when the
 * geometry or formats change, so steady-state conversion allocates nothing.
 *
 * <p>swscale's SIMD converters write whole blocks of pixels: a 360-pixel BGRA row gets 368 pixels written, 32
 * bytes past its end. Every destination row therefore needs room behind it; {@link #paddedBgraStride} gives a
 * BGRA row that room (FFmpeg's own frame buffers and JavaCV's grabber pad their rows the same way).
 */
final class PictureConverter implements AutoCloseable {
    /** Bytes a destination row is rounded up to: 16 BGRA pixels, swscale's widest block. */
    static final int ROW_ALIGNMENT = 64;

    private final int flags;
    private SwsContext context;

    PictureConverter() {
        this(swscale.SWS_BILINEAR);
    }

    /** @param flags the swscale algorithm ({@code SWS_*}); it also decides how chroma is subsampled */
    PictureConverter(int flags) {
        this.flags = flags;
    }

    /** The row length in bytes of a BGRA destination {@code width} pixels wide that swscale cannot overrun. */
    static int paddedBgraStride(int width) {
        return Math.ceilDiv(width * 4, ROW_ALIGNMENT) * ROW_ALIGNMENT;
    }

    void convert(PointerPointer<?> sourcePlanes, IntPointer sourceStrides, int sourceWidth, int sourceHeight, int sourceFormat,
                 PointerPointer<?> targetPlanes, IntPointer targetStrides, int targetWidth, int targetHeight, int targetFormat)
            throws MediaException {
        context = swscale.sws_getCachedContext(context, sourceWidth, sourceHeight, sourceFormat,
                targetWidth, targetHeight, targetFormat, flags, null, null, (DoublePointer) null);
        if (context == null) {
            throw new MediaException("Cannot convert " + sourceWidth + "x" + sourceHeight + " pictures to "
                    + targetWidth + "x" + targetHeight);
        }
        swscale.sws_scale(context, sourcePlanes, sourceStrides, 0, sourceHeight, targetPlanes, targetStrides);
    }

    @Override
    public void close() {
        if (context != null) {
            swscale.sws_freeContext(context);
            context = null;
        }
    }
}
