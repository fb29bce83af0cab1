package dev.confab.privacy;

import dev.confab.storage.AppPaths;
import dev.confab.storage.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads and saves {@link PrivacySettings}. An unreadable file falls back to the defaults, which re-ask every
 * permission: asking again is the safe outcome.
 */
public final class PrivacySettingsStore {
    private final Path file;

    public PrivacySettingsStore(AppPaths paths) {
        this.file = file(paths);
    }

    public static Path file(AppPaths paths) {
        return paths.config().resolve("privacy.json");
    }

    public synchronized PrivacySettings load() {
        if (!Files.exists(file)) {
            return PrivacySettings.defaults();
        }
        try {
            PrivacySettings s = PrivacyJson.MAPPER.readValue(file.toFile(), PrivacySettings.class);
            return s == null ? PrivacySettings.defaults() : s;
        } catch (IOException | RuntimeException e) {
            return PrivacySettings.defaults();
        }
    }

    public synchronized void save(PrivacySettings settings) throws IOException {
        AtomicFiles.write(file, PrivacyJson.MAPPER.writeValueAsBytes(settings));
    }
}
