package dev.confab.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names for recordings: the meeting topic (or ID) and the start time, made safe on every desktop file
 * system. Nothing a meeting's host types can steer the file elsewhere: path separators, "..", control
 * characters and characters Windows forbids are replaced, Windows' reserved device names are defused,
 * trailing dots and spaces (which Windows drops) are removed, and the length is capped.
 */
public final class RecordingFileNames {
    /** Characters kept from the topic; with the date and extensions the name stays far below 255 bytes. */
    static final int MAX_TOPIC_CODE_POINTS = 60;
    static final String FALLBACK = "Meeting";
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm", Locale.ROOT);
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}<>:\"/\\\\|?*\\u007f]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DOT_RUNS = Pattern.compile("\\.{2,}");
    /** A recording's name (topic, start time, maybe " (2)"), then its own or a sidecar's extension. */
    private static final Pattern CONFAB_FILE = Pattern.compile(
            ".* \\d{4}-\\d{2}-\\d{2} \\d{2}-\\d{2}( \\(\\d+\\))?(\\.chat\\.txt|\\.(mp4|mkv)(\\.sealed)?(\\.recording|\\.finishing\\.mp4|\\.key)?)");
    private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³");

    private RecordingFileNames() {
    }

    /** "Weekly sync 2026-11-23 14-05": the topic, or "Meeting ID" when there is none, and the local start time. */
    public static String baseName(String topic, String meetingId, ZonedDateTime start) {
        String label = sanitize(topic);
        if (label.equals(FALLBACK) && (topic == null || topic.isBlank())) {
            label = sanitize(FALLBACK + " " + (meetingId == null ? "" : meetingId));
        }
        return label + " " + START_TIME.format(start);
    }

    /** One safe path segment (never empty, never "." or "..", never a Windows device name). */
    public static String sanitize(String text) {
        if (text == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(text, Normalizer.Form.NFC);
        name = FORBIDDEN.matcher(name).replaceAll("_");
        name = WHITESPACE.matcher(name).replaceAll(" ");
        name = DOT_RUNS.matcher(name).replaceAll(".");
        name = truncate(name.strip(), MAX_TOPIC_CODE_POINTS);
        // Leading dots hide files on Unix; trailing dots and spaces are silently dropped by Windows.
        name = name.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '_')) {
            return FALLBACK;
        }
        String device = name.split("\\.", 2)[0].strip().toUpperCase(Locale.ROOT);
        if (WINDOWS_RESERVED.contains(device)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * {@code folder/base.extension}, or "base (2).extension" and so on when that name (or its unfinished
     * marker) is already taken.
     */
    /**
     * Whether a file name is one Confab gives a recording or the files beside it (chat transcript, unfinished
     * marker, recovery copy). In a folder the user shares with other videos, only these are Confab's.
     */
    public static boolean isConfabFile(String fileName) {
        return CONFAB_FILE.matcher(fileName).matches();
    }

    public static Path uniqueFile(Path folder, String base, String extension) {
        for (int attempt = 1; ; attempt++) {
            String suffix = attempt == 1 ? "" : " (" + attempt + ")";
            Path candidate = folder.resolve(base + suffix + "." + extension);
            if (!Files.exists(candidate) && !Files.exists(RecordingMarker.markerFor(candidate))) {
                return candidate;
            }
        }
    }

    private static String truncate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
    }
}
