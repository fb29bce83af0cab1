package dev.confab.media;

import java.util.Map;

/**
 * Containers a meeting recording can be written in. All hold H.264 video and AAC audio, so they differ only
 * in how the file survives a crash; docs/recording.md has the evaluation behind {@link #DEFAULT}. Each keeps
 * what is on disk at most about one second behind the recording: a fragment (MP4) or cluster (Matroska) is
 * closed every second, and the recorder pushes its write buffer to the operating system every half second.
 */
public enum RecordingFormat {
    /**
     * Fragmented while recording, so a file cut off at any point plays up to its last fragment; a clean finish
     * rewrites the header into an ordinary MP4 (the fragments become opaque data inside one large mdat).
     */
    HYBRID_MP4("mp4", "mp4", Map.of("movflags", "+frag_keyframe+hybrid_fragmented", "frag_duration", "1000000")),
    /** Always fragmented: an empty moov up front and a moof+mdat pair per second. */
    FRAGMENTED_MP4("mp4", "mp4", Map.of("movflags", "+frag_keyframe+empty_moov+default_base_moof",
            "frag_duration", "1000000")),
    /** Matroska with one cluster per second; cues and duration are only written on a clean finish. */
    MATROSKA("matroska", "mkv", Map.of("cluster_time_limit", "1000"));

    public static final RecordingFormat DEFAULT = HYBRID_MP4;

    private final String muxerName;
    private final String extension;
    private final Map<String, String> muxerOptions;

    RecordingFormat(String muxerName, String extension, Map<String, String> muxerOptions) {
        this.muxerName = muxerName;
        this.extension = extension;
        this.muxerOptions = muxerOptions;
    }

    /** File name extension without the dot. */
    public String extension() {
        return extension;
    }

    String muxerName() {
        return muxerName;
    }

    Map<String, String> muxerOptions() {
        return muxerOptions;
    }
}
