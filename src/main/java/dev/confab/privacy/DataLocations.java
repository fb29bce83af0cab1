package dev.confab.privacy;

import dev.confab.meeting.history.MeetingHistoryStore;
import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.recording.RecordingFolderCheck;
import dev.confab.recording.RecordingStorage;
import dev.confab.storage.AppPaths;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where each {@link DataCategory} lives. Every path is inside Confab's own folders: the app folders of
 * {@link AppPaths} and the recordings folder (the one the user chose in Settings, else Confab's own subfolder of
 * the user's Videos). The recorder, the recordings list, recovery and the privacy center all take the folder
 * from here, so they always agree.
 *
 * @param recordings the folder recordings and their {@code .recording} sidecars are saved in
 */
public record DataLocations(AppPaths paths, Path recordings, boolean recordingsFolderShared) {

    /**
     * @param recordingsFolderShared the recordings folder was chosen by the user (or an administrator) and may
     *                               hold their own files: only files named like Confab's recordings count
     */
    public DataLocations {
        Objects.requireNonNull(paths, "paths");
        recordings = recordings.toAbsolutePath().normalize();
    }

    /** Recordings in Confab's own folder, where every file is Confab's. */
    public DataLocations(AppPaths paths, Path recordings) {
        this(paths, recordings, false);
    }

    /**
     * Recordings go to {@code <Videos>/Confab}; a portable or test install ({@code --data-dir}, CONFAB_HOME)
     * keeps them inside its own folder so it never touches the user's real recordings.
     */
    public static DataLocations of(AppPaths paths, boolean portable) {
        return new DataLocations(paths, portable ? paths.data().resolve("recordings") : defaultRecordings());
    }

    /**
     * The user's recordings folder from {@code settings} ({@link Settings#recordingsFolder()}); the default
     * when none is chosen or the stored value is not an absolute path. Decided without touching the disk.
     */
    public static DataLocations forApp(AppPaths paths, Settings settings) {
        DataLocations defaults = forApp(paths);
        return RecordingFolderCheck.parse(settings.recordingsFolder())
                .map(folder -> new DataLocations(paths, folder, true)).orElse(defaults);
    }

    /** As {@link #forApp(AppPaths, Settings)} with the settings file as it is now on disk (read, never changed). */
    public static DataLocations ofUser(AppPaths paths) {
        return forApp(paths, new SettingsStore(paths, java.time.Clock.systemUTC()).peek());
    }

    /**
     * The default folders, ignoring any folder the user chose. Portable when the folders have the single-root layout of {@link AppPaths#under} ({@code --data-dir},
     * CONFAB_HOME, tests); the OS default layout never has it. Decided without touching the disk.
     */
    public static DataLocations forApp(AppPaths paths) {
        Path root = paths.config().getParent();
        return of(paths, root != null && paths.equals(AppPaths.under(root)));
    }

    /** {@code Confab} inside the user's videos folder (XDG videos folder, Videos, or Movies on macOS). */
    public static Path defaultRecordings() {
        return RecordingStorage.defaultFolder();
    }

    /**
     * Where Confab kept a profile picture before version 2 of the privacy notice (it is no longer collected):
     * still listed under Profile, so a picture left by an older version is shown and erased with it.
     */
    public Path profileFolder() {
        return paths.data().resolve("profile");
    }

    /** Pictures of a shared screen with its drawings, saved with the share's Save button. */
    public Path annotations() {
        return paths.data().resolve("annotations");
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
            case ANNOTATIONS -> List.of(annotations());
            case POLL_RESULTS -> List.of(dev.confab.meeting.history.PollResultsStore.folder(paths));
            case LOGS -> List.of(paths.logs());
            case PINNED_CERTIFICATES -> List.of(paths.knownServersFile());
            case SERVER_IDENTITY -> List.of(paths.serverDir());
            case APP_FILES -> List.of(paths.cache(), paths.instanceLockFile(), paths.instanceSocket());
            case RECEIVED_FILES -> List.of(paths.receivedFilesDir());
            case SCHEDULED_MEETINGS -> List.of(LocalSchedule.fileOf(paths));
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

}
