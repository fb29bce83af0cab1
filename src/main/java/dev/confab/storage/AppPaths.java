package dev.confab.storage;

import dev.dirs.ProjectDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Confab keeps per-user files. One instance per process; tests and portable installs point it at a
 * single folder with {@code CONFAB_HOME} or {@code --data-dir}, which then holds config, data and logs.
 */
public record AppPaths(Path config, Path data, Path logs, Path cache) {

    public static final String HOME_ENV = "CONFAB_HOME";

    /** A single root (portable mode and tests): everything lives below it. */
    public static AppPaths under(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new AppPaths(r.resolve("config"), r.resolve("data"), r.resolve("logs"), r.resolve("cache"));
    }

    /** The OS-conventional locations, e.g. ~/.config/confab on Linux, %APPDATA%\Confab on Windows. */
    public static AppPaths osDefault() {
        ProjectDirectories dirs = ProjectDirectories.from("dev", "Confab", "Confab");
        Path data = Path.of(dirs.dataLocalDir);
        // dev.dirs has no log dir; follow each OS's habit: ~/Library/Logs on macOS, data/logs elsewhere.
        String os = System.getProperty("os.name", "").toLowerCase();
        Path logs = os.contains("mac")
                ? Path.of(System.getProperty("user.home"), "Library", "Logs", "Confab")
                : data.resolve("logs");
        return new AppPaths(Path.of(dirs.configDir), data, logs, Path.of(dirs.cacheDir));
    }

    /** Resolution order: explicit override, then {@code CONFAB_HOME}, then the OS default. */
    public static AppPaths resolve(Path override) {
        if (override != null) {
            return under(override);
        }
        String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return under(Path.of(env));
        }
        return osDefault();
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }

    public Path consentFile() {
        return config.resolve("consent.json");
    }

    /** Certificates pinned on first use, per server host:port. */
    public Path knownServersFile() {
        return config.resolve("known-servers.json");
    }

    /** The embedded/standalone server's own state (its self-signed certificate). */
    public Path serverDir() {
        return data.resolve("server");
    }

    /**
     * Files received in meetings, when they are saved automatically (the desktop's "Received files" setting) or
     * by a bot: nothing is written here otherwise.
     */
    public Path receivedFilesDir() {
        return data.resolve("received-files");
    }

    /** Held while the desktop app runs, so a second launch hands its link over instead of opening a second window. */
    public Path instanceLockFile() {
        return data.resolve("instance.lock");
    }

    /** The local socket a second launch hands its link to (Unix domain socket, owner-only). */
    public Path instanceSocket() {
        return data.resolve("instance.sock");
    }

    /** Every root Confab may write to; erasing all user data removes exactly these. */
    public java.util.List<Path> roots() {
        return java.util.List.of(config, data, logs, cache);
    }

    /** Creates one of Confab's own folders (owner-only, like everything Confab stores) if it is missing. */
    public static Path ensureDirectory(Path dir) {
        try {
            AtomicFiles.createOwnerOnlyDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + dir, e);
        }
    }
}
