package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The recording's sound: the 48 kHz mono mix as AAC-LC (FFmpeg's own encoder, which every player decodes).
 * The mix arrives in chunks of any length; AAC wants 1024-sample frames of planar float, so samples are
 * converted and collected here. Gaps in the mix's timeline are filled with silence so that sound and
 * picture stay in step.
 */
final class RecordingAudioTrack implements AutoCloseable {
    private static final int BITRATE = 96_000;
    private static final float FULL_SCALE = 32768f;

    private final RecordingMuxer muxer;
    private final AVCodecContext encoder;
    private final AVStream stream;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final float[] pending;
    private int pendingCount;
    private long samplesEncoded;
    private long samplesAccepted;

    RecordingAudioTrack(RecordingMuxer muxer) throws MediaException {
        this.muxer = muxer;
        AVCodec codec = avcodec.avcodec_find_encoder_by_name("aac");
        if (codec == null) {
            throw new MediaException("This FFmpeg build has no AAC encoder");
        }
        encoder = avcodec.avcodec_alloc_context3(codec);
        encoder.sample_rate(AudioFrameListener.SAMPLE_RATE).sample_fmt(avutil.AV_SAMPLE_FMT_FLTP)
                .time_base(avutil.av_make_q(1, AudioFrameListener.SAMPLE_RATE)).bit_rate(BITRATE);
        avutil.av_channel_layout_default(encoder.ch_layout(), 1);
        if (muxer.wantsGlobalHeader()) {
            encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        int result = avcodec.avcodec_open2(encoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (result < 0) {
            throw new MediaException("Cannot start the AAC encoder for recording: " + Ffmpeg.describe(result));
        }
        pending = new float[encoder.frame_size()];
        frame.nb_samples(encoder.frame_size()).format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(AudioFrameListener.SAMPLE_RATE);
        avutil.av_channel_layout_default(frame.ch_layout(), 1);
        EncoderOutput.check(avutil.av_frame_get_buffer(frame, 0), "allocate recording audio");
        stream = muxer.addStream(encoder);
    }

    /** Samples taken so far (including inserted silence): the audio timeline's length. */
    long samplesAccepted() {
        return samplesAccepted;
    }

    void addSilence(long samples) throws MediaException {
        for (long i = 0; i < samples; i++) {
            collect(0f);
        }
    }

    void add(short[] pcm, int count) throws MediaException {
        for (int i = 0; i < count; i++) {
            collect(pcm[i] / FULL_SCALE);
        }
    }

    private void collect(float sample) throws MediaException {
        pending[pendingCount++] = sample;
        samplesAccepted++;
        if (pendingCount == pending.length) {
            encodePending();
        }
    }

    private void encodePending() throws MediaException {
        EncoderOutput.check(avutil.av_frame_make_writable(frame), "prepare recording audio");
        new FloatPointer(frame.data(0)).put(pending, 0, pendingCount);
        frame.nb_samples(pendingCount).pts(samplesEncoded);
        samplesEncoded += pendingCount;
        pendingCount = 0;
        EncoderOutput.check(avcodec.avcodec_send_frame(encoder, frame), "encode recording audio");
        drain();
    }

    /** Encodes the last partial frame and drains the encoder. */
    void finish() throws MediaException {
        if (pendingCount > 0) {
            encodePending();
        }
        muxer.finish(encoder, packet, stream, "audio");
    }

    private void drain() throws MediaException {
        muxer.writeReady(encoder, packet, stream, "audio");
    }

    @Override
    public void close() {
        avcodec.avcodec_free_context(encoder);
        avutil.av_frame_free(frame);
        avcodec.av_packet_free(packet);
    }
}
