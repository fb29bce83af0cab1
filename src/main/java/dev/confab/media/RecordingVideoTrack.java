package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The recording's video: one picture held at the output size, letterboxed (black bars keep the speaker's or
 * screen's aspect ratio), and repeated in every output frame slot until a newer picture replaces it, so the
 * file has a constant frame rate even when a camera stops. H.264 (OpenH264, constrained baseline:
 * every player decodes it) with a keyframe every second, which is what bounds each MP4 fragment. A slot that
 * no new picture reached is written as an all-skipped picture ({@link H264PictureRepeater}) rather than
 * encoding the same picture again, which costs the encoder as much as a new one.
 */
final class RecordingVideoTrack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordingVideoTrack.class);
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int FPS = 30;
    private static final int BLACK_LUMA = 16;
    private static final int NEUTRAL_CHROMA = 128;

    private final RecordingMuxer muxer;
    private final AVCodecContext encoder;
    private final AVStream stream;
    private final AVFrame picture = avutil.av_frame_alloc();
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final NativePixels source = new NativePixels();
    private final PictureConverter converter;
    private final PointerPointer<BytePointer> insetPlanes = new PointerPointer<>(4);
    private final IntPointer insetStrides = new IntPointer(4);
    /** Empty when repeats are encoded like new pictures (not H.264, or a stream shape it does not handle). */
    private final Optional<H264PictureRepeater> repeater;
    private final RecordingMuxer.PacketEditor renumber;
    private boolean pictureChanged = true;
    /** Repeats may only go between the encoder's pictures while it returns each picture as soon as it gets it. */
    private boolean encoderInStep = true;
    private int sourceWidth;
    private int sourceHeight;
    private long framesEncoded;

    RecordingVideoTrack(RecordingMuxer muxer, RecordingVideoEncoding encoding) throws MediaException {
        this.muxer = muxer;
        this.converter = new PictureConverter(encoding.scaleFlags());
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(encoding.encoderName());
        if (codec == null) {
            throw new MediaException("This FFmpeg build has no video encoder " + encoding.encoderName());
        }
        encoder = avcodec.avcodec_alloc_context3(codec);
        encoder.width(WIDTH).height(HEIGHT).pix_fmt(avutil.AV_PIX_FMT_YUV420P)
                .time_base(avutil.av_make_q(1, FPS)).framerate(avutil.av_make_q(FPS, 1))
                .gop_size(FPS).max_b_frames(0).thread_count(1).bit_rate(encoding.bitrate());
        if (muxer.wantsGlobalHeader()) {
            encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        try (CodecOptions options = new CodecOptions(encoding.options())) {
            int result = avcodec.avcodec_open2(encoder, codec, options.dictionary());
            if (result < 0) {
                throw new MediaException("Cannot start the video encoder for recording: " + Ffmpeg.describe(result));
            }
            if (!options.leftovers().isEmpty()) {
                log.warn("{} ignored the recording options {}", encoding.encoderName(), options.leftovers());
            }
        }
        repeater = encoding.skipRepeats() && encoder.codec_id() == avcodec.AV_CODEC_ID_H264
                ? H264PictureRepeater.forStream(extradata()) : Optional.empty();
        renumber = repeater.<RecordingMuxer.PacketEditor>map(r -> data -> renumbered(r, data))
                .orElse(RecordingMuxer.PacketEditor.NONE);
        picture.format(avutil.AV_PIX_FMT_YUV420P).width(WIDTH).height(HEIGHT);
        EncoderOutput.check(avutil.av_frame_get_buffer(picture, 0), "allocate the recording picture");
        paintBlack();
        stream = muxer.addStream(encoder);
    }

    long framesEncoded() {
        return framesEncoded;
    }

    /** Replaces the held picture with a BGRA one, scaled to fit 1280x720 with black bars. */
    void show(ByteBuffer bgra, int width, int height, int stride) throws MediaException {
        EncoderOutput.check(avutil.av_frame_make_writable(picture), "prepare the recording picture");
        if (width != sourceWidth || height != sourceHeight) {
            sourceWidth = width;
            sourceHeight = height;
            paintBlack();
        }
        Letterbox box = Letterbox.fit(width, height, WIDTH, HEIGHT);
        for (int plane = 0; plane < 3; plane++) {
            int shift = plane == 0 ? 0 : 1;
            int stride0 = picture.linesize(plane);
            long offset = (long) (box.y() >> shift) * stride0 + (box.x() >> shift);
            insetPlanes.put(plane, picture.data(plane).getPointer(offset));
            insetStrides.put(plane, stride0);
        }
        pictureChanged = true;
        source.describe(bgra, avutil.AV_PIX_FMT_BGRA, width, height, stride);
        converter.convert(source.planes, source.strides, width, height, avutil.AV_PIX_FMT_BGRA,
                insetPlanes, insetStrides, box.width(), box.height(), avutil.AV_PIX_FMT_YUV420P);
    }

    /**
     * Writes the held picture as output frame number {@code slot}: encoded when it is new or a keyframe is due
     * (one per second, at the start of each second of the recording), otherwise as a repeat of the previous picture.
     */
    void encodeSlot(long slot) throws MediaException {
        boolean keyframeDue = slot % FPS == 0;
        if (repeater.isPresent() && encoderInStep && !pictureChanged && !keyframeDue) {
            muxer.writeData(repeater.get().repeat(), slot, packet, encoder, stream);
        } else {
            picture.pts(slot).pict_type(keyframeDue ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
            EncoderOutput.check(avcodec.avcodec_send_frame(encoder, picture), "encode recording video");
            encoderInStep &= muxer.writeReady(encoder, packet, stream, "video", renumber) == 1;
            pictureChanged = false;
        }
        framesEncoded++;
    }

    /** Drains the encoder at the end of the recording. */
    void finish() throws MediaException {
        muxer.finish(encoder, packet, stream, "video", renumber);
    }

    private byte[] extradata() {
        byte[] data = new byte[encoder.extradata_size()];
        if (data.length > 0) {
            encoder.extradata().get(data);
        }
        return data;
    }

    private static byte[] renumbered(H264PictureRepeater repeater, byte[] accessUnit) throws MediaException {
        try {
            return repeater.renumber(accessUnit);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MediaException("Unexpected H.264 output from the recording encoder: " + e.getMessage(), e);
        }
    }

    private void paintBlack() {
        for (int plane = 0; plane < 3; plane++) {
            int rows = plane == 0 ? HEIGHT : HEIGHT / 2;
            long bytes = (long) picture.linesize(plane) * rows;
            BytePointer data = picture.data(plane);
            Pointer.memset(data, plane == 0 ? BLACK_LUMA : NEUTRAL_CHROMA, bytes);
        }
    }

    @Override
    public void close() {
        avcodec.avcodec_free_context(encoder);
        avutil.av_frame_free(picture);
        avcodec.av_packet_free(packet);
        converter.close();
        source.close();
        insetPlanes.close();
        insetStrides.close();
    }

    /** Where a picture lands inside the output: the largest even-sized box with its aspect ratio, centred. */
    record Letterbox(int x, int y, int width, int height) {
        static final int PILLAR_WIDTH_STEP = 32;

        static Letterbox fit(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
            double scale = Math.min((double) targetWidth / sourceWidth, (double) targetHeight / sourceHeight);
            int width = Math.clamp(Math.round(sourceWidth * scale / 2) * 2, 2, targetWidth);
            if (width < targetWidth) {
                // Between black bars: swscale writes whole blocks of pixels (16 luma, so 32 keeps the chroma rows
                // whole too), and a narrower remainder would leave a stripe in the bar to the right. At most 31
                // pixels narrower: under 4 % of the width, not a visible change of shape.
                width = Math.max(PILLAR_WIDTH_STEP, width / PILLAR_WIDTH_STEP * PILLAR_WIDTH_STEP);
            }
            int height = Math.clamp(Math.round(sourceHeight * scale / 2) * 2, 2, targetHeight);
            int x = (targetWidth - width) / 2 & ~1;
            int y = (targetHeight - height) / 2 & ~1;
            return new Letterbox(x, y, width, height);
        }
    }
}
