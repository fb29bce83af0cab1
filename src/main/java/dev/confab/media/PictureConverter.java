package dev.confab.media;

import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * swscale conversion/scaling between pixel formats. The context is cached and only rebuilt when the
 * geometry or formats change, so steady-state conversion allocates nothing.
 */
final class PictureConverter implements AutoCloseable {
    private final int flags;
    private SwsContext context;

    PictureConverter() {
        this(swscale.SWS_BILINEAR);
    }

    /** @param flags the swscale algorithm ({@code SWS_*}); it also decides how chroma is subsampled */
    PictureConverter(int flags) {
        this.flags = flags;
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
