package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * swscale's SIMD converters write whole blocks of pixels, past the end of a row whose width is not a multiple of
 * the block: a decoded 360x270 camera picture written into a tight BGRA buffer overwrote the 32 bytes behind it,
 * which corrupted the native heap and crashed the app (seen in ShareFlowTest once the camera stepped down to a 4:3
 * rung). Rows of {@link PictureConverter#paddedBgraStride} must keep every write inside the buffer.
 */
@IntegrationTest
class PictureConverterTest {
    private static final byte CANARY = 0x5A;
    private static final int GUARD_BYTES = 1024;

    @ParameterizedTest
    @ValueSource(ints = {360, 362, 366, 1366, 240, 100, 1278})
    void aDecodedPictureInPaddedRowsLeavesTheBytesBehindItsBufferAlone(int width) throws Exception {
        int height = 270;
        AVFrame yuv = avutil.av_frame_alloc();
        int stride = PictureConverter.paddedBgraStride(width);
        long size = (long) stride * height;
        BytePointer destination = new BytePointer(avutil.av_malloc(size + GUARD_BYTES)).capacity(size + GUARD_BYTES);
        try (PictureConverter converter = new PictureConverter();
             PointerPointer<BytePointer> planes = new PointerPointer<>(1);
             IntPointer strides = new IntPointer(1)) {
            Ffmpeg.ensureInitialized();
            yuv.format(avutil.AV_PIX_FMT_YUV420P).width(width).height(height);
            assertThat(avutil.av_frame_get_buffer(yuv, 0)).isZero();
            fillWithAPattern(yuv, height);
            for (long i = 0; i < size + GUARD_BYTES; i++) {
                destination.put(i, CANARY);
            }
            planes.put(0, destination);
            strides.put(0, stride);

            converter.convert(new PointerPointer<>(yuv), yuv.linesize(), width, height, avutil.AV_PIX_FMT_YUV420P,
                    planes, strides, width, height, avutil.AV_PIX_FMT_BGRA);

            assertThat(stride).isGreaterThanOrEqualTo(width * 4);
            assertThat(destination.get(size - stride + width * 4L - 1)).as("the last pixel was written")
                    .isEqualTo((byte) 0xFF); // its alpha
            for (long i = size; i < size + GUARD_BYTES; i++) {
                assertThat(destination.get(i)).as("byte %d behind a %dx%d picture", i - size, width, height)
                        .isEqualTo(CANARY);
            }
        } finally {
            avutil.av_free(destination);
            avutil.av_frame_free(yuv);
        }
    }

    private static void fillWithAPattern(AVFrame yuv, int height) {
        for (int plane = 0; plane < 3; plane++) {
            int rows = plane == 0 ? height : (height + 1) / 2;
            long bytes = (long) yuv.linesize(plane) * rows;
            BytePointer data = yuv.data(plane);
            for (long i = 0; i < bytes; i++) {
                data.put(i, (byte) (i * 13 + plane * 50));
            }
        }
    }
}
