package dev.confab.privacy;

import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.storage.AppPaths;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where each {@link DataCategory} lives. Every path is inside Confab's own folders: the app folders of
 * {@link AppPaths} and the recordings folder (Confab's own subfolder of the user's Videos).
 *
 * @param recordings the folder recordings and their {@code .recording} sidecars are saved in
 */
public record DataLocations(AppPaths paths, Path recordings) {

    public DataLocations {
        Objects.requireNonNull(paths, "paths");
        recordings = recordings.toAbsolutePath().normalize();
    }

    /**
     * Recordings go to {@code <Videos>/Confab}; a portable or test install ({@code --data-dir}, CONFAB_HOME)
     * keeps them inside its own folder so it never touches the user's real recordings.
     */
    public static DataLocations of(AppPaths paths, boolean portable) {
        return new DataLocations(paths, portable ? paths.data().resolve("recordings") : defaultRecordings());
    }

    /**
     * Portable when the folders have the single-root layout of {@link AppPaths#under} ({@code --data-dir},
     * CONFAB_HOME, tests); the OS default layout never has it. Decided without touching the disk.
     */
    public static DataLocations forApp(AppPaths paths) {
        Path root = paths.config().getParent();
        return of(paths, root != null && paths.equals(AppPaths.under(root)));
    }

    public static Path defaultRecordings() {
        return Path.of(System.getProperty("user.home"), "Videos", "Confab");
    }

    public Path profileFolder() {
        return paths.data().resolve("profile");
    }

    /** Files or folders holding the category; files that do not exist yet are simply empty. */
    public List<Path> roots(DataCategory category) {
        Path config = paths.config();
        return switch (category) {
            case PROFILE -> List.of(profileFolder());
            case SETTINGS -> List.of(paths.settingsFile(), PrivacySettingsStore.file(paths));
            case CONSENT -> List.of(paths.consentFile());
            case MEETING_HISTORY -> List.of(MeetingHistoryStore.folder(paths));
            case SAVED_CHATS -> List.of(paths.data().resolve("chat-history"));
            case RECORDINGS -> List.of(recordings);
            case ANNOTATIONS -> List.of(paths.data().resolve("annotations"));
            case LOGS -> List.of(paths.logs());
            case PINNED_CERTIFICATES -> List.of(paths.knownServersFile());
        };
    }

    /** Damaged copies moved aside ({@code settings.json.corrupt-…}) belong to their category too. */
    boolean isMovedAsideCopy(Path file, DataCategory category) {
        for (Path root : roots(category)) {
            if (file.getParent() != null && file.getParent().equals(root.getParent())
                    && file.getFileName().toString().startsWith(root.getFileName() + ".corrupt-")) {
                return true;
            }
        }
        return false;
    }

    /** Everything else Confab may write (caches, the embedded server's certificate). */
    public List<Path> otherRoots() {
        return List.of(paths.cache(), paths.serverDir());
    }
}
