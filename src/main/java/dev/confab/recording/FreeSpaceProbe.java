package dev.confab.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes this user may still write in a folder. The real one asks the file system; tests inject their own. */
@FunctionalInterface
public interface FreeSpaceProbe {
    long usableBytes(Path folder) throws IOException;

    static FreeSpaceProbe fileSystem() {
        return folder -> Files.getFileStore(folder).getUsableSpace();
    }
}
