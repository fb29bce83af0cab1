package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Opus decoder (libopus) to 48 kHz mono 16-bit PCM for an {@link AudioFrameListener}. A lost packet is
 * covered by {@link #conceal(long)}: libopus's packet-loss concealment, reached by handing it a packet
 * that has a table-of-contents byte but no payload (RFC 6716 treats that as a lost frame). One thread at a
 * time.
 */
public final class AudioDecoder implements AutoCloseable {
    private final AudioFrameListener listener;
    private final AVCodecContext context;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame frame = avutil.av_frame_alloc();
    private BytePointer input;
    private long inputCapacity;
    private short[] pcm = new short[AudioEncoder.FRAME_SAMPLES];
    /** Table-of-contents byte of the last good packet, so concealment keeps its mode and bandwidth. */
    private byte lastToc = (byte) 0xF8;
    private boolean closed;

    public AudioDecoder(AudioFrameListener listener) throws MediaException {
        Ffmpeg.ensureInitialized();
        this.listener = listener;
        AVCodec decoder = avcodec.avcodec_find_decoder_by_name("libopus");
        if (decoder == null) {
            close();
            throw new MediaException("This FFmpeg build has no Opus decoder (libopus)");
        }
        context = avcodec.avcodec_alloc_context3(decoder);
        context.sample_rate(AudioFrameListener.SAMPLE_RATE).request_sample_fmt(avutil.AV_SAMPLE_FMT_S16);
        avutil.av_channel_layout_default(context.ch_layout(), 1);
        int result = avcodec.avcodec_open2(context, decoder, (PointerPointer<?>) null);
        if (result < 0) {
            close();
            throw new MediaException("Cannot start the Opus decoder: " + Ffmpeg.describe(result));
        }
        if (context.sample_fmt() != avutil.AV_SAMPLE_FMT_S16 || context.ch_layout().nb_channels() != 1) {
            close();
            throw new MediaException("The Opus decoder does not offer 16-bit mono output");
        }
    }

    public void decode(EncodedPacket encoded) throws MediaException {
        decode(encoded.data(), 0, encoded.data().length, encoded.captureTimeMicros());
    }

    /** Decodes one packet; a corrupt packet gives a {@link MediaException} and the decoder stays usable. */
    public synchronized void decode(byte[] data, int offset, int length, long captureTimeMicros) throws MediaException {
        if (length <= 0 || offset < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("Invalid packet range " + offset + "+" + length);
        }
        decodeBytes(data, offset, length, captureTimeMicros);
        lastToc = data[offset];
    }

    /** Synthesises the 20 ms of a packet that never arrived (or a DTX gap) from what came before. */
    public synchronized void conceal(long captureTimeMicros) throws MediaException {
        // Frame-count code 0 (one frame) with nothing after the TOC byte: libopus conceals one frame.
        byte[] lost = {(byte) (lastToc & 0xFC)};
        decodeBytes(lost, 0, 1, captureTimeMicros);
    }

    private void decodeBytes(byte[] data, int offset, int length, long captureTimeMicros) throws MediaException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        long needed = (long) length + avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
        if (inputCapacity < needed) {
            freeInput();
            inputCapacity = Math.max(needed, 4096);
            input = new BytePointer(avutil.av_mallocz(inputCapacity)).capacity(inputCapacity);
        }
        input.position(0).put(data, offset, length);
        packet.data(input.position(0)).size(length).pts(captureTimeMicros);
        int result = avcodec.avcodec_send_packet(context, packet);
        if (result < 0 && result != avutil.AVERROR_EAGAIN()) {
            throw new MediaException("Could not decode an Opus packet: " + Ffmpeg.describe(result));
        }
        while (true) {
            result = avcodec.avcodec_receive_frame(context, frame);
            if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF()) {
                return;
            }
            if (result < 0) {
                throw new MediaException("Could not decode Opus audio: " + Ffmpeg.describe(result));
            }
            try {
                int samples = frame.nb_samples();
                if (pcm.length < samples) {
                    pcm = new short[samples];
                }
                new ShortPointer(frame.data(0)).get(pcm, 0, samples);
                listener.onSamples(pcm, samples, captureTimeMicros);
            } finally {
                avutil.av_frame_unref(frame);
            }
        }
    }

    private void freeInput() {
        if (input != null) {
            avutil.av_free(input.position(0));
            input = null;
            inputCapacity = 0;
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
        freeInput();
    }
}
