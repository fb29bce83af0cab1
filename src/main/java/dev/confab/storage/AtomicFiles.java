package dev.confab.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File writes that never leave a half-written file behind: write a sibling temp file, force it to disk,
 * then rename over the target. Files are owner-only (0600) where the file system supports POSIX modes, and so is
 * the folder a write creates for them; a folder that already exists keeps its mode.
 */
public final class AtomicFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createOwnerOnlyDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            restrictFile(tmp);
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new owner-only file to stream into (created or emptied; the folder left as it is: it may be the user's
     * own), for content too large for {@link #write}; finish with {@link #moveIntoPlace}.
     */
    public static java.io.OutputStream newOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE);
        return new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 256 * 1024) {
            @Override
            public void close() throws IOException {
                flush();
                channel.force(true);
                super.close();
            }
        };
    }

    /** Renames a finished temporary sibling over {@code target} (atomically where the file system can). */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void restrictFile(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * Creates {@code dir} (and missing parents) and, if it was missing, makes it owner-only. A folder that already
     * exists is left as it is: a file the user asked for in their home folder, or {@code --stats-json /tmp/x.json},
     * must not change who may enter that folder (an earlier version made /tmp owner-only, and every other program's
     * temporary files failed).
     */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        boolean missing = !Files.exists(dir);
        Files.createDirectories(dir);
        if (missing) {
            restrictDirectory(dir);
        }
    }

    public static void restrictDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Deletes a file or a whole folder tree; missing paths are fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
