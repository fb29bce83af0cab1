package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the streams of a recording into a new, ordinary (non-fragmented) file without re-encoding: how an
 * unfinished recording is finalised. Packets are copied until the source ends or turns unreadable (a file
 * cut off mid-fragment), so everything before the cut is kept. Title and creation time are carried over.
 */
public final class RecordingRemuxer {
    private RecordingRemuxer() {
    }

    /** Writes {@code target} (its container chosen by extension); returns how many packets were copied. */
    public static long remux(Path source, Path target) throws MediaException {
        return remux(source, Optional.empty(), target, Optional.empty());
    }

    /**
     * Copies an encrypted recording into a new encrypted file (a fragmented MP4: an encrypted file cannot be
     * sought back into while it is written), so no clear copy is made on the way.
     */
    public static long remuxEncrypted(Path source, MediaCipher sourceCipher, Path target, MediaCipher targetCipher)
            throws MediaException {
        return remux(source, Optional.of(sourceCipher), target, Optional.of(targetCipher));
    }

    private static long remux(Path source, Optional<MediaCipher> sourceCipher, Path target,
                              Optional<MediaCipher> targetCipher) throws MediaException {
        Ffmpeg.ensureInitialized();
        AVFormatContext input = new AVFormatContext(null);
        try (BytePointer path = new BytePointer(sourceCipher.map(c -> c.url(source)).orElse(source.toString()), StandardCharsets.UTF_8);
             CodecOptions protocol = new CodecOptions(sourceCipher.map(MediaCipher::readOptions).orElse(Map.of()))) {
            EncoderOutput.check(avformat.avformat_open_input(input, path, null, protocol.dictionary()), "open " + source.getFileName());
        }
        AVFormatContext output = new AVFormatContext(null);
        AVPacket packet = avcodec.av_packet_alloc();
        boolean headerWritten = false;
        try {
            EncoderOutput.check(avformat.avformat_find_stream_info(input, (AVDictionary) null), "read " + source.getFileName());
            try (BytePointer path = new BytePointer(targetCipher.map(c -> c.url(target)).orElse(target.toString()), StandardCharsets.UTF_8);
                 BytePointer fileName = new BytePointer(target.toString(), StandardCharsets.UTF_8);
                 BytePointer muxer = new BytePointer(RecordingFormat.FRAGMENTED_MP4.muxerName());
                 CodecOptions protocol = new CodecOptions(targetCipher.map(MediaCipher::writeOptions).orElse(Map.of()))) {
                EncoderOutput.check(targetCipher.isPresent()
                                ? avformat.avformat_alloc_output_context2(output, null, muxer, (BytePointer) null)
                                : avformat.avformat_alloc_output_context2(output, null, (BytePointer) null, fileName),
                        "choose a container for " + target.getFileName());
                for (int i = 0; i < input.nb_streams(); i++) {
                    AVStream in = input.streams(i);
                    AVStream out = avformat.avformat_new_stream(output, null);
                    EncoderOutput.check(avcodec.avcodec_parameters_copy(out.codecpar(), in.codecpar()), "copy a stream");
                    out.codecpar().codec_tag(0);
                    out.time_base(in.time_base());
                }
                AVDictionary metadata = new AVDictionary(null);
                avutil.av_dict_copy(metadata, input.metadata(), 0);
                output.metadata(metadata);
                AVIOContext io = new AVIOContext(null);
                EncoderOutput.check(avformat.avio_open2(io, path, avformat.AVIO_FLAG_WRITE, null, protocol.dictionary()),
                        "create " + target.getFileName());
                output.pb(io);
            }
            try (CodecOptions muxerOptions = new CodecOptions(
                    targetCipher.isPresent() ? RecordingFormat.FRAGMENTED_MP4.muxerOptions() : Map.of())) {
                EncoderOutput.check(avformat.avformat_write_header(output, muxerOptions.dictionary()), "start " + target.getFileName());
            }
            headerWritten = true;
            long copied = 0;
            while (avformat.av_read_frame(input, packet) >= 0) {
                try {
                    AVStream in = input.streams(packet.stream_index());
                    AVStream out = output.streams(packet.stream_index());
                    avcodec.av_packet_rescale_ts(packet, in.time_base(), out.time_base());
                    packet.pos(-1);
                    EncoderOutput.check(avformat.av_interleaved_write_frame(output, packet), "write " + target.getFileName());
                    copied++;
                } finally {
                    avcodec.av_packet_unref(packet);
                }
            }
            headerWritten = false;
            EncoderOutput.check(avformat.av_write_trailer(output), "finish " + target.getFileName());
            return copied;
        } finally {
            avcodec.av_packet_free(packet);
            if (headerWritten) {
                avformat.av_write_trailer(output);
            }
            AVIOContext io = output.pb();
            if (io != null && !io.isNull()) {
                avformat.avio_close(io);
                output.pb(null);
            }
            avformat.avformat_free_context(output);
            avformat.avformat_close_input(input);
        }
    }
}
