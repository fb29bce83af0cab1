package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;

/**
 * Real-time video decoder: compressed packets in, BGRA pictures (alpha 255) out to a
 * {@link VideoFrameListener}, converted into one reused native buffer that is only reallocated when the
 * sender changes resolution. Its rows are padded ({@link PictureConverter#paddedBgraStride}), so listeners
 * must honour the stride they are given. Uses FFmpeg's built-in VP8/H.264 decoders without frame threading, so each
 * packet's picture comes out of the same {@link #decode} call. One thread at a time.
 */
public final class VideoDecoder implements AutoCloseable {
    private final VideoCodec codec;
    private final VideoFrameListener listener;
    private final AVCodecContext context;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame frame = avutil.av_frame_alloc();
    private final PictureConverter converter = new PictureConverter();
    private final PointerPointer<BytePointer> framePlanes;
    private final PointerPointer<BytePointer> bgraPlanes = new PointerPointer<>(1);
    private final IntPointer bgraStrides = new IntPointer(1);

    private BytePointer input;
    private long inputCapacity;
    private BytePointer bgra;
    private ByteBuffer bgraView;
    private int bgraWidth;
    private int bgraHeight;
    private int bgraStride;
    private boolean closed;

    public VideoDecoder(VideoCodec codec, VideoFrameListener listener) throws MediaException {
        Ffmpeg.ensureInitialized();
        this.codec = codec;
        this.listener = listener;
        this.framePlanes = new PointerPointer<>(frame);
        AVCodec decoder = avcodec.avcodec_find_decoder(codec.codecId());
        if (decoder == null) {
            close();
            throw new MediaException("This FFmpeg build has no " + codec + " decoder");
        }
        context = avcodec.avcodec_alloc_context3(decoder);
        context.flags(context.flags() | avcodec.AV_CODEC_FLAG_LOW_DELAY).thread_count(1);
        int result = avcodec.avcodec_open2(context, decoder, (PointerPointer<?>) null);
        if (result < 0) {
            close();
            throw new MediaException("Cannot start the " + codec + " decoder: " + Ffmpeg.describe(result));
        }
    }

    public void decode(EncodedPacket encoded) throws MediaException {
        decode(encoded.data(), 0, encoded.data().length, encoded.captureTimeMicros());
    }

    /**
     * Decodes one packet and delivers the pictures it completes. A corrupt packet gives a
     * {@link MediaException}; the decoder stays usable and recovers at the next keyframe.
     */
    public synchronized void decode(byte[] data, int offset, int length, long captureTimeMicros) throws MediaException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        if (length <= 0 || offset < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("Invalid packet range " + offset + "+" + length);
        }
        ensureInputCapacity(length);
        input.position(0).put(data, offset, length);
        packet.data(input.position(0)).size(length).pts(captureTimeMicros).dts(captureTimeMicros);
        int result = avcodec.avcodec_send_packet(context, packet);
        if (result < 0 && result != avutil.AVERROR_EAGAIN()) {
            throw new MediaException("Could not decode a " + codec + " packet: " + Ffmpeg.describe(result));
        }
        receivePictures();
    }

    private void receivePictures() throws MediaException {
        while (true) {
            int result = avcodec.avcodec_receive_frame(context, frame);
            if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF()) {
                return;
            }
            if (result < 0) {
                throw new MediaException("Could not decode a " + codec + " picture: " + Ffmpeg.describe(result));
            }
            try {
                deliver();
            } finally {
                avutil.av_frame_unref(frame);
            }
        }
    }

    private void deliver() throws MediaException {
        int width = frame.width();
        int height = frame.height();
        ensureBgraBuffer(width, height);
        converter.convert(framePlanes, frame.linesize(), width, height, frame.format(),
                bgraPlanes, bgraStrides, width, height, avutil.AV_PIX_FMT_BGRA);
        long pts = frame.best_effort_timestamp() != avutil.AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
        listener.onFrame(width, height, bgraStride, bgraView.position(0), pts);
    }

    private void ensureInputCapacity(int length) {
        long needed = (long) length + avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
        if (inputCapacity >= needed) {
            return;
        }
        freeInput();
        long capacity = Math.max(needed, 64 * 1024);
        input = new BytePointer(avutil.av_mallocz(capacity)).capacity(capacity);
        inputCapacity = capacity;
    }

    private void ensureBgraBuffer(int width, int height) {
        if (bgra != null && width == bgraWidth && height == bgraHeight) {
            return;
        }
        freeBgra();
        // A tight row (width * 4) let swscale write past the buffer's end whenever the width was not a multiple of
        // 16 (a 360x270 picture: 32 bytes), corrupting the native heap: the padded stride keeps those writes inside.
        int stride = PictureConverter.paddedBgraStride(width);
        long size = (long) stride * height;
        bgra = new BytePointer(avutil.av_malloc(size)).capacity(size);
        bgraView = bgra.asBuffer();
        bgraPlanes.put(0, bgra);
        bgraStrides.put(0, stride);
        bgraStride = stride;
        bgraWidth = width;
        bgraHeight = height;
    }

    private void freeInput() {
        if (input != null) {
            avutil.av_free(input.position(0));
            input = null;
            inputCapacity = 0;
        }
    }

    private void freeBgra() {
        if (bgra != null) {
            avutil.av_free(bgra);
            bgra = null;
            bgraView = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context != null) {
            avcodec.avcodec_free_context(context);
        }
        avcodec.av_packet_free(packet);
        avutil.av_frame_free(frame);
        converter.close();
        freeInput();
        freeBgra();
        bgraPlanes.close();
        bgraStrides.close();
    }
}
