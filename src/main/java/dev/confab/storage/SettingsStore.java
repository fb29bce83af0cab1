package dev.confab.storage;

import com.fasterxml.jackson.core.JacksonException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Loads and saves {@link Settings} as JSON. Loading never throws: a damaged file is moved aside and the
 * result says so, so the UI can tell the user instead of silently losing their settings. The file holds the
 * user's profile (display name, last server, devices), so it is sealed with the home's at-rest key where a
 * keychain exists ({@link AtRest}); a file whose key is gone (consent withdrawn, another computer's keychain)
 * reads as damaged and the user starts from the defaults, told so.
 */
public final class SettingsStore {
    private final Path file;
    private final Clock clock;
    private final SealedFiles files;

    public SettingsStore(AppPaths paths, Clock clock) {
        this.file = paths.settingsFile();
        this.clock = clock;
        this.files = AtRest.files(paths);
    }

    /**
     * @param settings      what to use now (defaults when nothing usable was stored)
     * @param movedAsideTo  where a damaged file was moved; empty when the file was fine or absent
     * @param problem       a short technical reason, for the user notice and the log
     */
    public record LoadResult(Settings settings, Optional<Path> movedAsideTo, Optional<String> problem) {
        public boolean recovered() {
            return problem.isPresent();
        }
    }

    public LoadResult load() {
        byte[] bytes;
        try {
            bytes = files.read(file);
        } catch (NoSuchFileException e) {
            return new LoadResult(Settings.defaults(), Optional.empty(), Optional.empty());
        } catch (IOException | SecurityException e) {
            return recover("cannot read: " + e.getMessage());
        }
        try {
            Settings s = JsonFiles.MAPPER.readValue(bytes, Settings.class);
            if (s == null || s.schemaVersion() < 1) {
                return recover("missing schema version");
            }
            // Fields a newer release added were dropped on reading, so this is now a current-version file.
            return new LoadResult(s.withCurrentSchema(), Optional.empty(), Optional.empty());
        } catch (JacksonException e) {
            return recover("not valid settings JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return recover("cannot read: " + e.getMessage());
        }
    }

    /**
     * The stored settings for readers other than the app's start-up (the meeting's recorder, {@code confab
     * data}): changes nothing on disk; a missing or damaged file reads as the defaults.
     */
    public Settings peek() {
        try {
            Settings s = JsonFiles.MAPPER.readValue(files.read(file), Settings.class);
            return s == null || s.schemaVersion() < 1 ? Settings.defaults() : s;
        } catch (IOException | RuntimeException e) {
            return Settings.defaults();
        }
    }

    private LoadResult recover(String problem) {
        try {
            Path aside = JsonFiles.moveAside(file, clock);
            return new LoadResult(Settings.defaults(), Optional.of(aside), Optional.of(problem));
        } catch (IOException | SecurityException e) {
            // Could not even move it: keep the file untouched, run on defaults, still tell the user.
            return new LoadResult(Settings.defaults(), Optional.empty(), Optional.of(problem + "; could not move it aside: " + e.getMessage()));
        }
    }

    public void save(Settings settings) throws IOException {
        files.write(file, JsonFiles.MAPPER.writeValueAsBytes(settings));
    }

    public Path file() {
        return file;
    }
}
