package dev.confab.media;

import org.bytedeco.ffmpeg.global.avcodec;

import java.util.Map;

/**
 * Real-time video codecs available in the LGPL FFmpeg build. Encoding uses the external libraries (libvpx,
 * Cisco's libopenh264); decoding uses FFmpeg's own decoders, which are faster and conceal errors better.
 * The option maps are libavcodec private options; {@link VideoEncoder#unusedOptions()} reports any that the
 * encoder did not accept.
 */
public enum VideoCodec {
    /** libvpx in real-time mode: no look-ahead, fastest speed step, streams that survive packet loss. */
    VP8("libvpx", avcodec.AV_CODEC_ID_VP8, Map.of(
            "deadline", "realtime",
            "cpu-used", "8",
            "lag-in-frames", "0",
            "error-resilient", "default",
            "max-intra-rate", "300")),
    /** OpenH264 constrained baseline (no B-frames by definition); may skip frames to hold the bitrate. */
    H264("libopenh264", avcodec.AV_CODEC_ID_H264, Map.of(
            "rc_mode", "bitrate",
            "allow_skip_frames", "1",
            "profile", "constrained_baseline"));

    /**
     * The default for meetings: same quality and speed as OpenH264 at 720p/1.5 Mbit/s on the test machine,
     * but keyframes a quarter of the size (cheap to resend after loss), no skipped frames, and royalty-free
     * (Cisco's H.264 patent licence covers only Cisco's own OpenH264 binaries, not this build).
     */
    public static final VideoCodec PREFERRED = VP8;

    private final String encoderName;
    private final int codecId;
    private final Map<String, String> encoderOptions;

    VideoCodec(String encoderName, int codecId, Map<String, String> encoderOptions) {
        this.encoderName = encoderName;
        this.codecId = codecId;
        this.encoderOptions = encoderOptions;
    }

    String encoderName() {
        return encoderName;
    }

    int codecId() {
        return codecId;
    }

    Map<String, String> encoderOptions() {
        return encoderOptions;
    }

    /** Options that make the encoder as fast as it goes in real time (smaller simulcast layers); may be empty. */
    Map<String, String> fastestOptions() {
        return this == VP8 ? Map.of("cpu-used", "16") : Map.of();
    }

    /**
     * Encoder threads for a machine with {@code cores} cores. libvpx's row threads wait for each other
     * busily: on a 2-core machine that is also decoding and drawing, two VP8 threads measured 30-60 ms per
     * 720p picture against 12-14 ms for one. OpenH264 does not suffer from this.
     */
    int encoderThreads(int cores) {
        int threads = this == VP8 ? cores / 2 : cores;
        return Math.clamp(threads, 1, 4);
    }
}
