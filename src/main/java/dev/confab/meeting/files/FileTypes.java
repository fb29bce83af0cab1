package dev.confab.meeting.files;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a file's name says about it: a type to show, whether opening it could run a program (then the receiver is
 * warned), and a name that is safe to save under (a sender chooses the name, so it must not reach another folder).
 */
public final class FileTypes {

    /** Extensions that run code when opened on Windows, macOS or Linux desktops (or install something). */
    private static final Set<String> EXECUTABLE = Set.of(
            "exe", "msi", "msix", "bat", "cmd", "com", "scr", "pif", "cpl", "vbs", "vbe", "js", "jse", "wsf", "wsh",
            "ps1", "psm1", "hta", "lnk", "reg", "jar", "app", "pkg", "dmg", "command", "sh", "bash", "zsh", "run",
            "bin", "appimage", "deb", "rpm", "py", "pl", "rb", "apk", "iso", "docm", "xlsm", "pptm");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("md", "text/markdown"),
            Map.entry("zip", "application/zip"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("mp4", "video/mp4"), Map.entry("mp3", "audio/mpeg"));

    private FileTypes() {
    }

    /** The lower-case extension after the last dot, or "" when there is none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether opening a file of this name could run a program. */
    public static boolean executable(String name) {
        return EXECUTABLE.contains(extension(name));
    }

    /** A media type for the name (what the sender announces), application/octet-stream when unknown. */
    public static String typeOf(String name) {
        return TYPES.getOrDefault(extension(name), "application/octet-stream");
    }

    /**
     * The name without folders, control characters or characters Windows refuses, not starting with a dot (a
     * hidden file), at most {@link FileManifest#MAX_NAME_CHARS} characters; "file" when nothing is left.
     */
    public static String safeName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(c -> {
            if (!Character.isISOControl(c) && "<>:\"|?*".indexOf(c) < 0) {
                out.appendCodePoint(c);
            }
        });
        String cleaned = out.toString().strip().replaceFirst("^\\.+", "");
        if (cleaned.length() > FileManifest.MAX_NAME_CHARS) {
            cleaned = cleaned.substring(cleaned.length() - FileManifest.MAX_NAME_CHARS);
        }
        return cleaned.isEmpty() ? "file" : cleaned;
    }
}
