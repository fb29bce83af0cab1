package dev.confab.recording;

import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where recordings go and whether there is room for them. The default folder is "Confab" inside the user's
 * videos folder: the XDG videos directory on Linux, %USERPROFILE%\Videos on Windows, ~/Movies on macOS.
 *
 * <p>A recording needs {@link #minimumToStart()} free to begin and stops cleanly once less than
 * {@link #minimumToContinue()} is left; space is checked every {@link #checkInterval()}.
 */
public final class RecordingStorage {
    public static final long DEFAULT_MINIMUM_TO_START = 500L * 1024 * 1024;
    public static final long DEFAULT_MINIMUM_TO_CONTINUE = 100L * 1024 * 1024;
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(2);
    static final String SUBFOLDER = "Confab";

    private final Path folder;
    private final FreeSpaceProbe probe;
    private final long minimumToStart;
    private final long minimumToContinue;
    private final Duration checkInterval;
    private final Optional<SealedFiles> encryption;

    public RecordingStorage(Path folder, FreeSpaceProbe probe, long minimumToStart, long minimumToContinue,
                            Duration checkInterval) {
        this(folder, probe, minimumToStart, minimumToContinue, checkInterval, Optional.empty());
    }

    private RecordingStorage(Path folder, FreeSpaceProbe probe, long minimumToStart, long minimumToContinue,
                             Duration checkInterval, Optional<SealedFiles> encryption) {
        if (minimumToContinue < 0 || minimumToStart < minimumToContinue) {
            throw new IllegalArgumentException("Need 0 <= minimumToContinue <= minimumToStart");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive");
        }
        this.folder = folder.toAbsolutePath().normalize();
        this.probe = probe;
        this.minimumToStart = minimumToStart;
        this.minimumToContinue = minimumToContinue;
        this.checkInterval = checkInterval;
        this.encryption = encryption;
    }

    /**
     * The same storage, with new recordings encrypted ({@link RecordingSeal}) and their keys sealed by
     * {@code keys}, which must have a keychain ({@link SealedFiles#sealing()}).
     */
    public RecordingStorage encrypted(SealedFiles keys) {
        return new RecordingStorage(folder, probe, minimumToStart, minimumToContinue, checkInterval, Optional.of(keys));
    }

    /** Where new recordings' keys are sealed; empty: recordings are written as ordinary MP4 files. */
    public Optional<SealedFiles> encryption() {
        return encryption;
    }

    /** A folder (the user's choice or {@link #defaultFolder()}) with the real free-space probe and defaults. */
    public static RecordingStorage in(Path folder) {
        return new RecordingStorage(folder, FreeSpaceProbe.fileSystem(), DEFAULT_MINIMUM_TO_START,
                DEFAULT_MINIMUM_TO_CONTINUE, DEFAULT_CHECK_INTERVAL);
    }

    public static Path defaultFolder() {
        return videosFolder(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")))
                .resolve(SUBFOLDER);
    }

    /** The user's videos folder for an OS name, environment and home folder. */
    static Path videosFolder(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String profile = env.get("USERPROFILE");
            return (profile == null || profile.isBlank() ? home : Path.of(profile)).resolve("Videos");
        }
        if (os.contains("mac")) {
            return home.resolve("Movies");
        }
        String configHome = env.get("XDG_CONFIG_HOME");
        Path config = configHome == null || configHome.isBlank() ? home.resolve(".config") : Path.of(configHome);
        return xdgVideosFolder(config.resolve("user-dirs.dirs"), home).orElse(home.resolve("Videos"));
    }

    /**
     * Reads XDG_VIDEOS_DIR from user-dirs.dirs (the file xdg-user-dir reads). The spec allows only
     * "$HOME/..." or an absolute path; a value of $HOME itself means the user disabled the folder.
     */
    static Optional<Path> xdgVideosFolder(Path userDirs, Path home) {
        List<String> lines;
        try {
            lines = Files.readAllLines(userDirs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("XDG_VIDEOS_DIR=")) {
                continue;
            }
            String value = trimmed.substring("XDG_VIDEOS_DIR=".length()).replaceAll("^\"|\"$", "");
            Path path;
            if (value.equals("$HOME") || value.equals("$HOME/")) {
                return Optional.empty();
            } else if (value.startsWith("$HOME/")) {
                path = home.resolve(value.substring("$HOME/".length()));
            } else if (value.startsWith("/")) {
                path = Path.of(value);
            } else {
                return Optional.empty();
            }
            return Optional.of(path.normalize());
        }
        return Optional.empty();
    }

    public Path folder() {
        return folder;
    }

    public long minimumToStart() {
        return minimumToStart;
    }

    public long minimumToContinue() {
        return minimumToContinue;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    /** Creates the folder if needed. */
    public Path ensureFolder() throws IOException {
        return Files.createDirectories(folder);
    }

    public long freeBytes() throws IOException {
        return probe.usableBytes(folder);
    }

    /** Whether a running recording should stop because the disk is nearly full. */
    boolean runningLow() throws IOException {
        return freeBytes() < minimumToContinue;
    }
}
