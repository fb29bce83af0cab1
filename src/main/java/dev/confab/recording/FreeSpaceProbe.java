package dev.confab.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Bytes this user may still write in a folder. The real one asks the file system; tests inject their own. */
@FunctionalInterface
public interface FreeSpaceProbe {
    long usableBytes(Path folder) throws IOException;

    /**
     * The file system holding {@code folder}; a folder not created yet (the first recording) is measured on
     * its nearest existing parent, the disk it will be created on.
     */
    static FreeSpaceProbe fileSystem() {
        return folder -> {
            Path existing = folder.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                throw new NoSuchFileException(folder.toString());
            }
            return Files.getFileStore(existing).getUsableSpace();
        };
    }
}
