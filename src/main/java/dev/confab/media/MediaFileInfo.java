package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a recording file holds, read with libavformat: how long its video and audio run and the title it was
 * tagged with. {@link #read} trusts the container's own duration (a finished file); {@link #scan} walks every
 * packet instead, for files cut off before their index was written.
 *
 * @param video        zero when the file has no video stream (or no readable video packet, for a scan)
 * @param audio        zero when the file has no audio stream
 * @param creationTime the {@code creation_time} tag, when the file has one
 */
public record MediaFileInfo(Duration video, Duration audio, Optional<String> title, Optional<Instant> creationTime) {

    /** The longer of the two streams: what a player shows as the length. */
    public Duration duration() {
        return video.compareTo(audio) >= 0 ? video : audio;
    }

    public boolean hasVideo() {
        return !video.isZero();
    }

    /** Reads the header only; fast enough for listing a folder. Falls back to a scan if it has no duration. */
    public static MediaFileInfo read(Path file) throws MediaException {
        return open(file, Optional.empty(), false);
    }

    /** As {@link #read(Path)} for a file encrypted with {@code cipher}. */
    public static MediaFileInfo read(Path file, MediaCipher cipher) throws MediaException {
        return open(file, Optional.of(cipher), false);
    }

    /** Reads every packet's timestamps (no decoding): right for unfinished files, slower for long ones. */
    public static MediaFileInfo scan(Path file) throws MediaException {
        return open(file, Optional.empty(), true);
    }

    /** As {@link #scan(Path)} for a file encrypted with {@code cipher}. */
    public static MediaFileInfo scan(Path file, MediaCipher cipher) throws MediaException {
        return open(file, Optional.of(cipher), true);
    }

    private static MediaFileInfo open(Path file, Optional<MediaCipher> cipher, boolean scan) throws MediaException {
        Ffmpeg.ensureInitialized();
        if (!Files.isRegularFile(file)) {
            throw new MediaException(file.getFileName() + " does not exist");
        }
        AVFormatContext context = new AVFormatContext(null);
        try (BytePointer path = new BytePointer(cipher.map(c -> c.url(file)).orElse(file.toString()), StandardCharsets.UTF_8);
             CodecOptions protocol = new CodecOptions(cipher.map(MediaCipher::readOptions).orElse(java.util.Map.of()))) {
            int result = avformat.avformat_open_input(context, path, null, protocol.dictionary());
            if (result < 0) {
                throw new MediaException(file.getFileName() + " is not a readable recording: " + Ffmpeg.describe(result));
            }
        }
        try {
            int result = avformat.avformat_find_stream_info(context, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
            if (result < 0) {
                throw new MediaException(file.getFileName() + " has no readable streams: " + Ffmpeg.describe(result));
            }
            int videoIndex = avformat.av_find_best_stream(context, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            int audioIndex = avformat.av_find_best_stream(context, avutil.AVMEDIA_TYPE_AUDIO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            Optional<String> title = tag(context, "title");
            Optional<Instant> created = tag(context, "creation_time").flatMap(MediaFileInfo::parseInstant);
            if (!scan && context.duration() > 0) {
                return new MediaFileInfo(streamDuration(context, videoIndex), streamDuration(context, audioIndex), title, created);
            }
            return scanPackets(context, videoIndex, audioIndex, title, created);
        } finally {
            avformat.avformat_close_input(context);
        }
    }

    private static Duration streamDuration(AVFormatContext context, int index) {
        if (index < 0) {
            return Duration.ZERO;
        }
        AVStream stream = context.streams(index);
        long duration = stream.duration();
        if (duration <= 0 || duration == avutil.AV_NOPTS_VALUE) {
            return Duration.ofNanos(context.duration() * 1000);
        }
        return toDuration(duration, stream);
    }

    private static MediaFileInfo scanPackets(AVFormatContext context, int videoIndex, int audioIndex, Optional<String> title,
                                             Optional<Instant> created) {
        long[] end = new long[context.nb_streams()];
        long[] start = new long[context.nb_streams()];
        java.util.Arrays.fill(start, Long.MAX_VALUE);
        AVPacket packet = avcodec.av_packet_alloc();
        try {
            // A cut-off file ends in a truncated fragment; reading stops at the first error, which is its end.
            while (avformat.av_read_frame(context, packet) >= 0) {
                int index = packet.stream_index();
                long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (pts != avutil.AV_NOPTS_VALUE && index < end.length) {
                    start[index] = Math.min(start[index], pts);
                    end[index] = Math.max(end[index], pts + Math.max(0, packet.duration()));
                }
                avcodec.av_packet_unref(packet);
            }
        } finally {
            avcodec.av_packet_free(packet);
        }
        return new MediaFileInfo(span(context, videoIndex, start, end), span(context, audioIndex, start, end), title, created);
    }

    private static Duration span(AVFormatContext context, int index, long[] start, long[] end) {
        if (index < 0 || start[index] == Long.MAX_VALUE) {
            return Duration.ZERO;
        }
        return toDuration(end[index] - start[index], context.streams(index));
    }

    private static Duration toDuration(long ticks, AVStream stream) {
        long micros = avutil.av_rescale_q(ticks, stream.time_base(), avutil.av_make_q(1, 1_000_000));
        return Duration.ofNanos(micros * 1000);
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> tag(AVFormatContext context, String key) {
        AVDictionaryEntry entry = avutil.av_dict_get(context.metadata(), key, null, 0);
        if (entry == null || entry.isNull()) {
            return Optional.empty();
        }
        return Optional.of(entry.value().getString(StandardCharsets.UTF_8));
    }
}
