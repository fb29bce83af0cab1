package dev.confab.media;

import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avutil;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Process-wide FFmpeg setup and small helpers shared by capture and codecs. */
final class Ffmpeg {
    private static volatile boolean initialized;

    private Ffmpeg() {
    }

    /** Registers capture devices once and keeps FFmpeg's console chatter to real errors. */
    static void ensureInitialized() {
        if (initialized) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!initialized) {
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                avdevice.avdevice_register_all();
                initialized = true;
            }
        }
    }

    /** FFmpeg's own text for an AVERROR code, e.g. "Device or resource busy". */
    static String describe(int errorCode) {
        byte[] text = new byte[256];
        if (avutil.av_strerror(errorCode, text, text.length) < 0) {
            return "error " + errorCode;
        }
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Wall clock in epoch microseconds: the capture timestamp every frame and chunk carries. */
    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
