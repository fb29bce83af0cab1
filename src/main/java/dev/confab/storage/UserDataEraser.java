package dev.confab.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Removes everything Confab stored for this user: settings, consent, recordings, logs, caches. */
public final class UserDataEraser {
    private UserDataEraser() {
    }

    /**
     * Deletes every root of {@code paths}. Tries all of them even when one fails, then reports the failures
     * together so the user learns which folder still holds data.
     */
    public static void eraseAll(AppPaths paths) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path root : paths.roots()) {
            try {
                AtomicFiles.deleteRecursively(root);
            } catch (IOException e) {
                failures.add(root + " (" + e.getMessage() + ")");
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("Could not erase " + String.join(", ", failures));
        }
    }

    /** True when none of the roots exists or all are empty. */
    public static boolean nothingStored(AppPaths paths) throws IOException {
        for (Path root : paths.roots()) {
            if (Files.isDirectory(root)) {
                try (var entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        return false;
                    }
                }
            } else if (Files.exists(root)) {
                return false;
            }
        }
        return true;
    }
}
