package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real-time video encoder on libavcodec (not a muxer): pictures in, compressed packets out, with no
 * B-frames and no look-ahead so every picture leaves as soon as it is encoded.
 *
 * <p>Pictures of any size are scaled to the encoder's resolution. {@link #requestKeyframe()},
 * {@link #setBitrate(int)} and {@link #setResolution(int, int)} may be called from any thread and take effect
 * on the next picture; bitrate and resolution changes reopen the encoder, which starts with a keyframe, so
 * change them no more than every few seconds. Encoding itself belongs to one thread at a time.
 */
public final class VideoEncoder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VideoEncoder.class);
    /** Safety net for receivers that missed a keyframe request; normally keyframes come on request. */
    private static final int KEYFRAME_INTERVAL_SECONDS = 5;
    private static final int TIME_BASE = 1_000_000;

    private final VideoCodec codec;
    private final int fps;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final NativePixels source = new NativePixels();
    private final PictureConverter converter;
    /** Options replacing the codec's own for this encoder (a smaller layer's faster speed step). */
    private final java.util.Map<String, String> optionOverrides;

    private volatile boolean keyframeRequested;
    private volatile int targetBitrate;
    private volatile int targetWidth;
    private volatile int targetHeight;

    private AVCodecContext context;
    private AVFrame frame;
    private PointerPointer<BytePointer> frameData;
    private int width;
    private int height;
    private int bitrate;
    private List<String> unusedOptions = List.of();
    private long firstCaptureMicros = Long.MIN_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private boolean closed;

    public VideoEncoder(VideoCodec codec, VideoFormat format, int bitrateBitsPerSecond) throws MediaException {
        this(codec, format, bitrateBitsPerSecond, new PictureConverter(), java.util.Map.of());
    }

    /**
     * An encoder for a smaller simulcast layer, made cheap where it shows least at the small tile sizes such a
     * layer is seen at: the captured picture is scaled down with swscale's fast bilinear filter and VP8 runs at its
     * fastest real-time speed step (docs/performance.md "Simulcast"). That filter may read a few bytes past the end
     * of the source's last row, so the caller's buffer must extend past it (the camera sender's does).
     */
    public static VideoEncoder forSmallerLayer(VideoCodec codec, VideoFormat format, int bitrateBitsPerSecond)
            throws MediaException {
        return new VideoEncoder(codec, format, bitrateBitsPerSecond,
                new PictureConverter(org.bytedeco.ffmpeg.global.swscale.SWS_FAST_BILINEAR), codec.fastestOptions());
    }

    private VideoEncoder(VideoCodec codec, VideoFormat format, int bitrateBitsPerSecond, PictureConverter converter,
                         java.util.Map<String, String> optionOverrides) throws MediaException {
        this.converter = converter;
        this.optionOverrides = optionOverrides;
        if (bitrateBitsPerSecond <= 0) {
            throw new IllegalArgumentException("bitrate must be positive");
        }
        Ffmpeg.ensureInitialized();
        this.codec = codec;
        this.fps = format.fps();
        this.targetBitrate = bitrateBitsPerSecond;
        this.targetWidth = format.width();
        this.targetHeight = format.height();
        try {
            open();
        } catch (MediaException e) {
            close();
            throw e;
        }
    }

    public void requestKeyframe() {
        keyframeRequested = true;
    }

    public void setBitrate(int bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("bitrate must be positive");
        }
        targetBitrate = bitsPerSecond;
    }

    /** Even dimensions, as YUV 4:2:0 requires. */
    public void setResolution(int newWidth, int newHeight) {
        if (newWidth <= 0 || newHeight <= 0 || newWidth % 2 != 0 || newHeight % 2 != 0) {
            throw new IllegalArgumentException("Invalid encoder resolution " + newWidth + "x" + newHeight);
        }
        targetWidth = newWidth;
        targetHeight = newHeight;
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    public synchronized int bitrate() {
        return bitrate;
    }

    /** Encoder options the codec did not consume when it opened (empty when all were understood). */
    public synchronized List<String> unusedOptions() {
        return unusedOptions;
    }

    /** Encodes premultiplied BGRA pixels (for example a camera frame) taken at {@code captureTimeMicros}. */
    public void encodeBgra(ByteBuffer bgra, int pictureWidth, int pictureHeight, int stride, long captureTimeMicros,
                           Consumer<EncodedPacket> packets) throws MediaException {
        encode(bgra, avutil.AV_PIX_FMT_BGRA, pictureWidth, pictureHeight, stride, captureTimeMicros, packets);
    }

    /** Encodes packed planar YUV 4:2:0 (Y plane, then U, then V, no row padding). */
    public void encodeYuv420p(ByteBuffer yuv, int pictureWidth, int pictureHeight, long captureTimeMicros,
                              Consumer<EncodedPacket> packets) throws MediaException {
        encode(yuv, avutil.AV_PIX_FMT_YUV420P, pictureWidth, pictureHeight, pictureWidth, captureTimeMicros, packets);
    }

    private synchronized void encode(ByteBuffer pixels, int pixelFormat, int pictureWidth, int pictureHeight, int stride,
                                     long captureTimeMicros, Consumer<EncodedPacket> packets) throws MediaException {
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        if (context == null || targetWidth != width || targetHeight != height || targetBitrate != bitrate) {
            reopen();
        }
        source.describe(pixels, pixelFormat, pictureWidth, pictureHeight, stride);
        check(avutil.av_frame_make_writable(frame), "prepare a picture");
        converter.convert(source.planes, source.strides, pictureWidth, pictureHeight, pixelFormat,
                frameData, frame.linesize(), width, height, avutil.AV_PIX_FMT_YUV420P);

        if (firstCaptureMicros == Long.MIN_VALUE) {
            firstCaptureMicros = captureTimeMicros;
        }
        // Encoders need strictly increasing timestamps; capture clocks can repeat or step back.
        long pts = Math.max(captureTimeMicros - firstCaptureMicros, lastPts + 1);
        lastPts = pts;
        frame.pts(pts);
        boolean forceKeyframe = keyframeRequested;
        keyframeRequested = false;
        frame.pict_type(forceKeyframe ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);

        check(avcodec.avcodec_send_frame(context, frame), "encode a picture");
        EncoderOutput.drain(context, packet, codec.name(), packetPts -> packetPts + firstCaptureMicros, packets);
    }

    /**
     * FFmpeg's libvpx and libopenh264 wrappers read the bitrate only when they open (checked: changing
     * AVCodecContext.bit_rate afterwards leaves the output size unchanged), so a new bitrate means a new
     * encoder, just like a new resolution.
     */
    private void reopen() throws MediaException {
        freeCodec();
        open();
    }

    private void open() throws MediaException {
        AVCodec encoder = avcodec.avcodec_find_encoder_by_name(codec.encoderName());
        if (encoder == null) {
            throw new MediaException("This FFmpeg build has no " + codec + " encoder (" + codec.encoderName() + ")");
        }
        width = targetWidth;
        height = targetHeight;
        bitrate = targetBitrate;
        context = avcodec.avcodec_alloc_context3(encoder);
        context.width(width).height(height).pix_fmt(avutil.AV_PIX_FMT_YUV420P)
                .time_base(avutil.av_make_q(1, TIME_BASE)).framerate(avutil.av_make_q(fps, 1))
                .gop_size(fps * KEYFRAME_INTERVAL_SECONDS).max_b_frames(0)
                .thread_count(codec.encoderThreads(Runtime.getRuntime().availableProcessors()));
        // Constant bitrate with a one-second buffer: what a congestion controller can steer.
        context.bit_rate(bitrate).rc_min_rate(bitrate).rc_max_rate(bitrate).rc_buffer_size(bitrate);
        var wanted = new java.util.HashMap<>(codec.encoderOptions());
        wanted.putAll(optionOverrides);
        try (CodecOptions options = new CodecOptions(wanted)) {
            int result = avcodec.avcodec_open2(context, encoder, options.dictionary());
            if (result < 0) {
                freeCodec();
                throw new MediaException("Cannot start the " + codec + " encoder at " + width + "x" + height + ": "
                        + Ffmpeg.describe(result));
            }
            unusedOptions = List.copyOf(options.leftovers());
            if (!unusedOptions.isEmpty()) {
                log.warn("{} encoder ignored options {}", codec, unusedOptions);
            }
        }
        frame = avutil.av_frame_alloc();
        frame.format(avutil.AV_PIX_FMT_YUV420P).width(width).height(height);
        int result = avutil.av_frame_get_buffer(frame, 0);
        if (result < 0) {
            freeCodec();
            check(result, "allocate a picture");
        }
        frameData = new PointerPointer<>(frame);
        log.debug("{} encoder open at {}x{} {} bit/s", codec, width, height, bitrate);
    }

    private void check(int result, String action) throws MediaException {
        EncoderOutput.check(result, action + " with " + codec);
    }

    private void freeCodec() {
        if (frame != null) {
            avutil.av_frame_free(frame);
            frame = null;
            frameData = null;
        }
        if (context != null) {
            avcodec.avcodec_free_context(context);
            context = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        freeCodec();
        avcodec.av_packet_free(packet);
        converter.close();
        source.close();
    }
}
