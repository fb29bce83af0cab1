package dev.confab.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a folder can take recordings: it must be an absolute path to a folder that exists or can be created,
 * and this user must be able to write files into it. Touches the disk (a probe file is written and removed):
 * call it off the JavaFX thread.
 */
public final class RecordingFolderCheck {

    /** Why a folder cannot take recordings. */
    public enum Problem {
        /** Not a full path ("Videos" rather than "/home/ada/Videos"), or not a path at all. */
        NOT_ABSOLUTE,
        /** Something other than a folder (a file) has that name. */
        NOT_A_FOLDER,
        /** It does not exist and cannot be created (no existing parent folder, or a file on the way). */
        CANNOT_CREATE,
        /** It exists, or would be created, where this user may not write. */
        NOT_WRITABLE
    }

    private RecordingFolderCheck() {
    }

    /** The folder text as stored in the settings: empty when it is not an absolute path. */
    public static Optional<Path> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text);
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Empty when recordings can be written to {@code folder}; it is not created. */
    public static Optional<Problem> check(Path folder) {
        if (!folder.isAbsolute()) {
            return Optional.of(Problem.NOT_ABSOLUTE);
        }
        Path existing = folder.normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(Problem.CANNOT_CREATE);
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing.equals(folder.normalize()) ? Problem.NOT_A_FOLDER : Problem.CANNOT_CREATE);
        }
        return canWriteIn(existing) ? Optional.empty() : Optional.of(Problem.NOT_WRITABLE);
    }

    /** Really writes: permission bits, ACLs, read-only mounts and full quotas all show up the same way. */
    private static boolean canWriteIn(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, ".confab-write-check", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }
}
