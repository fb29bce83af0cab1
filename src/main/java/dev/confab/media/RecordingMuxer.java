package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container side of a recording (libavformat): streams from encoder contexts, interleaved packet
 * writes, and a flush that hands the write buffer to the operating system so a killed process loses at
 * most what the current fragment holds. One thread at a time.
 */
final class RecordingMuxer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordingMuxer.class);

    private final AVFormatContext context;
    private final Path file;
    private final Optional<MediaCipher> cipher;
    private boolean headerWritten;
    private boolean closed;

    /** @param cipher present: the file is encrypted as it is written (a streaming format is needed, see {@link MediaCipher}) */
    RecordingMuxer(Path file, RecordingFormat format, Map<String, String> metadata, Optional<MediaCipher> cipher)
            throws MediaException {
        // FFmpeg first: the first JavaCPP pointer made while another thread loads FFmpeg's libraries deadlocks
        // the two (Pointer's class initialisation and JavaCPP's loader each wait for the other).
        Ffmpeg.ensureInitialized();
        this.context = new AVFormatContext(null);
        this.file = file;
        this.cipher = cipher;
        if (cipher.isPresent() && format == RecordingFormat.HYBRID_MP4) {
            throw new IllegalArgumentException("An encrypted recording cannot seek back: use a streaming format");
        }
        try (BytePointer muxer = new BytePointer(format.muxerName())) {
            int result = avformat.avformat_alloc_output_context2(context, null, muxer, (BytePointer) null);
            if (result < 0 || context.isNull()) {
                throw new MediaException("This FFmpeg build cannot write " + format + " files: " + Ffmpeg.describe(result));
            }
        }
        AVDictionary tags = new AVDictionary(null);
        metadata.forEach((key, value) -> avutil.av_dict_set(tags, key, value, 0));
        context.metadata(tags);
    }

    /** Containers like MP4 want codec setup (SPS/PPS, AudioSpecificConfig) in the header, not in-band. */
    boolean wantsGlobalHeader() {
        return (context.oformat().flags() & avformat.AVFMT_GLOBALHEADER) != 0;
    }

    AVStream addStream(AVCodecContext encoder) throws MediaException {
        AVStream stream = avformat.avformat_new_stream(context, null);
        if (stream == null) {
            throw new MediaException("Cannot add a stream to " + file.getFileName());
        }
        EncoderOutput.check(avcodec.avcodec_parameters_from_context(stream.codecpar(), encoder), "describe a stream");
        stream.time_base(encoder.time_base());
        return stream;
    }

    void begin(Map<String, String> options) throws MediaException {
        AVIOContext io = new AVIOContext(null);
        String url = cipher.map(c -> c.url(file)).orElse(file.toString());
        try (BytePointer path = new BytePointer(url, StandardCharsets.UTF_8);
             CodecOptions protocol = new CodecOptions(cipher.map(MediaCipher::writeOptions).orElse(Map.of()))) {
            int result = avformat.avio_open2(io, path, avformat.AVIO_FLAG_WRITE, null, protocol.dictionary());
            if (result < 0) {
                throw new MediaException("Cannot create " + file + ": " + Ffmpeg.describe(result));
            }
        }
        context.pb(io);
        try (CodecOptions muxerOptions = new CodecOptions(options)) {
            int result = avformat.avformat_write_header(context, muxerOptions.dictionary());
            if (result < 0) {
                throw new MediaException("Cannot start writing " + file.getFileName() + ": " + Ffmpeg.describe(result));
            }
            List<String> unused = muxerOptions.leftovers();
            if (!unused.isEmpty()) {
                log.warn("Recording muxer ignored options {}", unused);
            }
        }
        headerWritten = true;
    }

    /** Writes one encoded packet whose timestamps are in {@code encoder}'s time base. */
    void write(AVPacket packet, AVCodecContext encoder, AVStream stream) throws MediaException {
        avcodec.av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
        packet.stream_index(stream.index());
        EncoderOutput.check(avformat.av_interleaved_write_frame(context, packet), "write " + file.getFileName());
    }

    /** Changes an encoded packet's bytes before it is written; returns the same array when nothing changes. */
    @FunctionalInterface
    interface PacketEditor {
        PacketEditor NONE = data -> data;

        byte[] edit(byte[] data) throws MediaException;
    }

    /** Writes every packet {@code encoder} has ready (until it needs more input or has ended). */
    void writeReady(AVCodecContext encoder, AVPacket packet, AVStream stream, String what) throws MediaException {
        writeReady(encoder, packet, stream, what, PacketEditor.NONE);
    }

    /**
     * As {@link #writeReady(AVCodecContext, AVPacket, AVStream, String)}, passing each packet through {@code editor}.
     *
     * @return how many packets were written
     */
    int writeReady(AVCodecContext encoder, AVPacket packet, AVStream stream, String what, PacketEditor editor)
            throws MediaException {
        int written = 0;
        while (true) {
            int result = avcodec.avcodec_receive_packet(encoder, packet);
            if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF()) {
                return written;
            }
            EncoderOutput.check(result, "encode recording " + what);
            try {
                if (editor != PacketEditor.NONE) {
                    edit(packet, editor);
                }
                write(packet, encoder, stream);
                written++;
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    private static void edit(AVPacket packet, PacketEditor editor) throws MediaException {
        byte[] data = new byte[packet.size()];
        packet.data().get(data);
        byte[] edited = editor.edit(data);
        if (edited == data) {
            return;
        }
        AVPacket properties = avcodec.av_packet_alloc();
        try {
            EncoderOutput.check(avcodec.av_packet_copy_props(properties, packet), "copy a packet");
            avcodec.av_packet_unref(packet);
            EncoderOutput.check(avcodec.av_new_packet(packet, edited.length), "allocate a packet");
            packet.data().put(edited);
            EncoderOutput.check(avcodec.av_packet_copy_props(packet, properties), "copy a packet");
        } finally {
            avcodec.av_packet_free(properties);
        }
    }

    /** Writes {@code data} as one packet at {@code pts} (= dts), lasting one tick of {@code encoder}'s time base. */
    void writeData(byte[] data, long pts, AVPacket packet, AVCodecContext encoder, AVStream stream) throws MediaException {
        EncoderOutput.check(avcodec.av_new_packet(packet, data.length), "allocate a packet");
        try {
            packet.data().put(data);
            packet.pts(pts).dts(pts).duration(1);
            write(packet, encoder, stream);
        } finally {
            avcodec.av_packet_unref(packet);
        }
    }

    /** Tells {@code encoder} the input has ended and writes what it still held. */
    void finish(AVCodecContext encoder, AVPacket packet, AVStream stream, String what) throws MediaException {
        finish(encoder, packet, stream, what, PacketEditor.NONE);
    }

    /** As {@link #finish(AVCodecContext, AVPacket, AVStream, String)}, passing each packet through {@code editor}. */
    void finish(AVCodecContext encoder, AVPacket packet, AVStream stream, String what, PacketEditor editor)
            throws MediaException {
        int result = avcodec.avcodec_send_frame(encoder, null);
        if (result < 0 && result != avutil.AVERROR_EOF()) {
            EncoderOutput.check(result, "finish recording " + what);
        }
        writeReady(encoder, packet, stream, what, editor);
    }

    /** Pushes buffered bytes to the operating system, which keeps them even if this process is killed. */
    void flush() throws MediaException {
        AVIOContext io = context.pb();
        avformat.avio_flush(io);
        EncoderOutput.check(io.error(), "write " + file.getFileName());
    }

    /** Writes the index/trailer that turns the file into a finished, seekable one. */
    void finish() throws MediaException {
        EncoderOutput.check(avformat.av_write_trailer(context), "finish " + file.getFileName());
        headerWritten = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AVIOContext io = context.pb();
        if (io != null && !io.isNull()) {
            avformat.avio_close(io);
            context.pb(null);
        }
        avformat.avformat_free_context(context);
        if (headerWritten) {
            log.debug("{} closed without a trailer", file.getFileName());
        }
    }
}
