package dev.confab.media;

import org.bytedeco.ffmpeg.global.swscale;

import java.util.HashMap;
import java.util.Map;

/**
 * How the recording turns pictures into video: the FFmpeg encoder, its bitrate and options, and the swscale
 * algorithm for BGRA to YUV 4:2:0. {@link #DEFAULT} is what recordings use; the other values exist so that
 * {@code RecorderBenchmark} can measure alternatives through the real recording path.
 *
 * @param scaleFlags  swscale flags ({@code SWS_*})
 * @param skipRepeats write a frame slot that no new picture reached as an all-skipped H.264 picture instead of
 *                    encoding the same picture again ({@link H264PictureRepeater}; only where the stream allows)
 */
record RecordingVideoEncoding(String encoderName, int bitrate, Map<String, String> options, int scaleFlags,
                              boolean skipRepeats) {
    /**
     * H.264 constrained baseline through OpenH264: every player decodes it. The in-loop deblocking filter is off:
     * about 1 ms less per 720p frame (an eighth of the encoder's time) for 0.2 dB PSNR at 2 Mbit/s. swscale's fast
     * bilinear and point conversions were measured too and not taken (docs/performance.md, "Recording").
     */
    static final RecordingVideoEncoding DEFAULT = new RecordingVideoEncoding(VideoCodec.H264.encoderName(), 2_000_000,
            Map.of("rc_mode", "bitrate",
                    // No skipped frames: the file should have every slot; the bitrate is a target, not a network limit.
                    "allow_skip_frames", "0",
                    "profile", "constrained_baseline",
                    "loopfilter", "0"),
            swscale.SWS_BILINEAR,
            true);

    RecordingVideoEncoding {
        if (bitrate <= 0) {
            throw new IllegalArgumentException("bitrate must be positive");
        }
        options = Map.copyOf(options);
    }

    RecordingVideoEncoding withEncoder(String name, Map<String, String> newOptions) {
        return new RecordingVideoEncoding(name, bitrate, newOptions, scaleFlags, skipRepeats);
    }

    RecordingVideoEncoding withBitrate(int newBitrate) {
        return new RecordingVideoEncoding(encoderName, newBitrate, options, scaleFlags, skipRepeats);
    }

    RecordingVideoEncoding withScaleFlags(int flags) {
        return new RecordingVideoEncoding(encoderName, bitrate, options, flags, skipRepeats);
    }

    RecordingVideoEncoding withSkipRepeats(boolean skip) {
        return new RecordingVideoEncoding(encoderName, bitrate, options, scaleFlags, skip);
    }

    /** Adds or replaces one encoder option. */
    RecordingVideoEncoding withOption(String key, String value) {
        Map<String, String> changed = new HashMap<>(options);
        changed.put(key, value);
        return new RecordingVideoEncoding(encoderName, bitrate, changed, scaleFlags, skipRepeats);
    }
}
