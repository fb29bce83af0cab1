package dev.confab.bot;

import dev.confab.media.VideoFormat;
import picocli.CommandLine;

/** Parsing shared by {@code bot} and {@code loadtest}: clear usage errors for bad video options. */
public final class BotOptions {
    private BotOptions() {
    }

    /** {@code WxH} and fps as a format; {@code source} must be testsrc or none. */
    public static VideoFormat videoFormat(CommandLine command, String source, String size, int fps) {
        if (!"testsrc".equals(source) && !"none".equals(source)) {
            throw new CommandLine.ParameterException(command, "--video must be testsrc or none, not '" + source + "'");
        }
        return parseSize(command, size, fps);
    }

    public static VideoFormat parseSize(CommandLine command, String size, int fps) {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected WIDTHxHEIGHT");
            }
            if (fps < 1 || fps > 60) {
                throw new IllegalArgumentException("--fps must be 1..60");
            }
            int width = Integer.parseInt(parts[0]);
            int height = Integer.parseInt(parts[1]);
            if (width > 3840 || height > 2160) {
                throw new IllegalArgumentException("at most 3840x2160");
            }
            return new VideoFormat(width, height, fps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, "Bad --video-size '" + size + "' / --fps " + fps
                    + ": " + e.getMessage() + " (even sizes, e.g. 1280x720)");
        }
    }
}
