package dev.confab.privacy;

import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes stored data for real (files removed, not marked). Only the files of {@link DataInventory} are
 * deleted, plus the emptied folders: nothing outside Confab's own folders, and never through a symbolic link.
 */
public final class DataEraser {
    private final DataLocations locations;
    private final DataInventory inventory;

    public DataEraser(DataLocations locations) {
        this.locations = locations;
        this.inventory = new DataInventory(locations);
    }

    public void erase(DataCategory category) throws IOException {
        List<String> failures = new ArrayList<>();
        for (DataItem item : inventory.items(category)) {
            if (inUseWhileRunning(item.file())) {
                continue;
            }
            try {
                Files.deleteIfExists(item.file());
            } catch (IOException e) {
                failures.add(item.file() + " (" + e.getMessage() + ")");
            }
        }
        boolean chosenFolder = category == DataCategory.RECORDINGS && locations.recordingsFolderShared();
        for (Path root : chosenFolder ? List.<Path>of() : locations.roots(category)) {
            removeEmptyFolders(root); // a folder the user chose stays, even when Confab's files were all it held
        }
        if (category == DataCategory.PROFILE) {
            forgetDisplayName();
        }
        if (!failures.isEmpty()) {
            throw new IOException("Could not delete " + String.join(", ", failures));
        }
    }

    /**
     * The single-instance lock and socket stay while Confab runs (a second launch would otherwise open a second
     * window); they hold no personal data and go with {@link #eraseEverything()}.
     */
    private boolean inUseWhileRunning(Path file) {
        return file.equals(locations.paths().instanceLockFile()) || file.equals(locations.paths().instanceSocket());
    }

    /** The display name is kept in the settings file; the profile includes it. */
    private void forgetDisplayName() throws IOException {
        SettingsStore settings = new SettingsStore(locations.paths(), java.time.Clock.systemUTC());
        if (Files.exists(settings.file())) {
            Settings current = settings.load().settings();
            if (!current.displayName().isEmpty()) {
                settings.save(current.withIdentity("", current.server()));
            }
        }
    }

    /** Every category except {@code keep}. */
    public void eraseAllExcept(Set<DataCategory> keep) throws IOException {
        List<String> failures = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) {
            if (!keep.contains(c)) {
                try {
                    erase(c);
                } catch (IOException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
    }

    /**
     * Everything, consent included, and Confab's own folders: the state of a first launch. The key that encrypted
     * the data goes from the keychain too, so a copy of the files kept elsewhere (a backup) can no longer be read.
     */
    public void eraseEverything() throws IOException {
        eraseAllExcept(EnumSet.noneOf(DataCategory.class));
        dev.confab.storage.UserDataEraser.eraseAll(locations.paths());
        dev.confab.storage.AtRest.vault(locations.paths()).forget();
    }

    /** Removes {@code dir} and empty subfolders; a folder still holding something foreign stays. */
    private static void removeEmptyFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (var entries = Files.list(p)) {
                        if (entries.findAny().isEmpty()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }
}
