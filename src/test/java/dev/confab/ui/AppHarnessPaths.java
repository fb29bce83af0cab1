package dev.confab.ui;

import dev.confab.storage.AppPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a real session leaves in the data folders, for erase tests. */
final class AppHarnessPaths {
    private AppHarnessPaths() {
    }

    static Path recording(AppPaths paths) throws IOException {
        Path recordings = Files.createDirectories(paths.data().resolve("recordings"));
        Files.createDirectories(paths.logs());
        Files.writeString(paths.logs().resolve("confab.log"), "log line");
        return recordings.resolve("meeting-1.mkv");
    }
}
