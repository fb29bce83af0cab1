package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.ShortPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opus voice encoder (libopus): 48 kHz mono 16-bit PCM in 20 ms chunks of 960 samples, one packet per
 * chunk. Tuned for calls: VoIP mode, in-band forward error correction for an expected 10 % loss, and
 * optional DTX. One thread at a time.
 *
 * <p>FFmpeg's libopus wrapper has no switch for Opus's own DTX, so DTX is done here: after 200 ms below
 * {@link #SILENCE_DBFS} the encoder keeps encoding (its state stays continuous) but withholds packets,
 * sending one every 400 ms so the receiver knows the sender is alive; the receiver conceals the gaps.
 */
public final class AudioEncoder implements AutoCloseable {
    public static final int FRAME_SAMPLES = PcmChunker.CHUNK_SAMPLES;
    /** Quieter than this counts as silence for DTX (a muted or idle microphone). */
    public static final double SILENCE_DBFS = -60.0;
    private static final int DTX_HANGOVER_CHUNKS = 10;
    private static final int DTX_KEEPALIVE_CHUNKS = 20;
    private static final Logger log = LoggerFactory.getLogger(AudioEncoder.class);

    private final boolean dtx;
    private int silentChunks;

    private final AVCodecContext context;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final List<String> unusedOptions;
    private long samplesSent;
    private long currentCaptureMicros;
    private boolean closed;

    /**
     * @param bitrateBitsPerSecond e.g. 32 000 for wideband speech with FEC headroom
     * @param dtx                  withhold packets during sustained silence (the receiver conceals the gaps)
     */
    public AudioEncoder(int bitrateBitsPerSecond, boolean dtx) throws MediaException {
        Ffmpeg.ensureInitialized();
        this.dtx = dtx;
        AVCodec encoder = avcodec.avcodec_find_encoder_by_name("libopus");
        if (encoder == null) {
            close();
            throw new MediaException("This FFmpeg build has no Opus encoder (libopus)");
        }
        context = avcodec.avcodec_alloc_context3(encoder);
        context.sample_rate(AudioFrameListener.SAMPLE_RATE).sample_fmt(avutil.AV_SAMPLE_FMT_S16)
                .time_base(avutil.av_make_q(1, AudioFrameListener.SAMPLE_RATE)).bit_rate(bitrateBitsPerSecond);
        avutil.av_channel_layout_default(context.ch_layout(), 1);
        Map<String, String> options = Map.of(
                "application", "voip",
                "frame_duration", "20",
                "fec", "1",
                "packet_loss", "10");
        try (CodecOptions codecOptions = new CodecOptions(options)) {
            int result = avcodec.avcodec_open2(context, encoder, codecOptions.dictionary());
            if (result < 0) {
                close();
                throw new MediaException("Cannot start the Opus encoder: " + Ffmpeg.describe(result));
            }
            unusedOptions = List.copyOf(codecOptions.leftovers());
        }
        if (!unusedOptions.isEmpty()) {
            log.warn("Opus encoder ignored options {}", unusedOptions);
        }
        frame.nb_samples(FRAME_SAMPLES).format(avutil.AV_SAMPLE_FMT_S16).sample_rate(AudioFrameListener.SAMPLE_RATE);
        avutil.av_channel_layout_default(frame.ch_layout(), 1);
        int result = avutil.av_frame_get_buffer(frame, 0);
        if (result < 0) {
            close();
            throw new MediaException("Cannot allocate audio buffers: " + Ffmpeg.describe(result));
        }
    }

    public synchronized List<String> unusedOptions() {
        return unusedOptions;
    }

    /** Encodes one 20 ms chunk captured at {@code captureTimeMicros}; packets go to {@code packets}. */
    public synchronized void encode(short[] pcm, int count, long captureTimeMicros, Consumer<EncodedPacket> packets)
            throws MediaException {
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        if (count != FRAME_SAMPLES || pcm.length < count) {
            throw new IllegalArgumentException("Opus frames are " + FRAME_SAMPLES + " samples, got " + count);
        }
        EncoderOutput.check(avutil.av_frame_make_writable(frame), "prepare audio");
        new ShortPointer(frame.data(0)).put(pcm, 0, count);
        frame.pts(samplesSent);
        samplesSent += count;
        // libopus turns each full chunk into one packet at once, so the packet belongs to this chunk.
        currentCaptureMicros = captureTimeMicros;
        EncoderOutput.check(avcodec.avcodec_send_frame(context, frame), "encode audio with Opus");
        Consumer<EncodedPacket> output = transmitThisChunk(pcm, count) ? packets : withheld -> { };
        EncoderOutput.drain(context, packet, "Opus", pts -> currentCaptureMicros, output);
    }

    private boolean transmitThisChunk(short[] pcm, int count) {
        if (!dtx) {
            return true;
        }
        silentChunks = AudioLevel.rmsDbfs(pcm, count) < SILENCE_DBFS ? silentChunks + 1 : 0;
        return silentChunks <= DTX_HANGOVER_CHUNKS || (silentChunks - DTX_HANGOVER_CHUNKS) % DTX_KEEPALIVE_CHUNKS == 0;
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
        avutil.av_frame_free(frame);
        avcodec.av_packet_free(packet);
    }
}
