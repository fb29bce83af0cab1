package dev.confab.privacy;

import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of data Confab stores or sends, declared once. The privacy notice's "what Confab sends" and "what
 * Confab stores" sections ({@link NoticeText}), the privacy center's categories, {@code confab data list} and
 * docs/privacy.md ({@link DataMapTable}) are made from this list; DeclaredDataTest fails when a meeting writes a
 * file that belongs to no stored kind, and DataMapTest when a kind lacks its words in a language.
 */
public final class DataMap {

    /** Stored kinds in {@link DataCategory} order, then what is only sent. */
    public static final List<DataKind> KINDS = List.of(
            DataKind.stored(DataCategory.PROFILE, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.SETTINGS, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.CONSENT, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.MEETING_HISTORY, null, DataKind.Setting.KEEP_MEETING_HISTORY),
            DataKind.stored(DataCategory.SAVED_CHATS, null, DataKind.Setting.KEEP_CHAT_HISTORY),
            DataKind.stored(DataCategory.RECORDINGS, Permission.RECORDING, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.ANNOTATIONS, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.POLL_RESULTS, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.LOGS, Permission.DIAGNOSTICS, DataKind.Setting.DIAGNOSTIC_LOGS),
            DataKind.stored(DataCategory.PINNED_CERTIFICATES, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.SERVER_IDENTITY, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.APP_FILES, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.RECEIVED_FILES, null, DataKind.Setting.NONE),
            DataKind.stored(DataCategory.SCHEDULED_MEETINGS, null, DataKind.Setting.NONE),
            DataKind.sent("meeting-identity", null),
            DataKind.sent("camera-microphone", Permission.CAMERA),
            DataKind.sent("screen", Permission.SCREEN),
            DataKind.sent("chat", null),
            DataKind.sent("drawings", null),
            DataKind.sent("files", null),
            DataKind.sent("poll-votes", null));

    private DataMap() {
    }

    public static List<DataKind> stored() {
        return KINDS.stream().filter(k -> k.category().isPresent()).toList();
    }

    public static List<DataKind> sent() {
        return KINDS.stream().filter(k -> k.category().isEmpty()).toList();
    }

    public static DataKind of(DataCategory category) {
        return KINDS.stream().filter(k -> k.category().equals(Optional.of(category))).findFirst()
                .orElseThrow(() -> new IllegalStateException(category + " is missing from the data map"));
    }

    /**
     * The declared category a file Confab wrote belongs to, or empty when none does: below one of the category's
     * roots ({@link DataLocations#roots}), or a damaged copy moved aside next to one. A temporary file of an
     * atomic write ({@code .name.123.tmp}) counts as the file it becomes.
     */
    public static Optional<DataCategory> categoryOf(Path file, DataLocations locations) {
        Path absolute = file.toAbsolutePath().normalize();
        return Arrays.stream(DataCategory.values())
                .filter(c -> locations.roots(c).stream().anyMatch(root -> absolute.startsWith(root)
                        || root.equals(absolute.resolveSibling(atomicTarget(absolute.getFileName().toString()))))
                        || locations.isMovedAsideCopy(absolute, c))
                .findFirst()
                .filter(c -> c != DataCategory.RECORDINGS || !locations.recordingsFolderShared()
                        || dev.confab.recording.RecordingFileNames.isConfabFile(absolute.getFileName().toString())
                        || !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS));
    }

    /** {@code .settings.json.4711.tmp} → {@code settings.json}; other names unchanged. */
    private static String atomicTarget(String name) {
        if (name.startsWith(".") && name.endsWith(".tmp")) {
            String inner = name.substring(1, name.length() - ".tmp".length());
            int dot = inner.lastIndexOf('.');
            return dot > 0 ? inner.substring(0, dot) : inner;
        }
        return name;
    }
}
