package dev.confab.meeting.files;

import dev.confab.storage.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file that arrived whole: every chunk authenticated and the SHA-256 of the reassembled bytes equal to the
 * sender's. Held in memory only; nothing is on disk until {@link #saveTo} is called (the user chose Save, or
 * the automatic folder is on).
 */
public record ReceivedFile(int transferId, int fromId, String fromName, String name, String type, long size,
                           String sha256, boolean direct, Instant sentAt, byte[] content) {

    /** Whether opening it could run a program: the user is warned first. */
    public boolean executable() {
        return FileTypes.executable(name);
    }

    /** The name to save under: {@link FileTypes#safeName}. */
    public String safeName() {
        return FileTypes.safeName(name);
    }

    /**
     * Writes the content to {@code target} in one step (nobody sees half a file) and returns it.
     */
    public Path saveTo(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, content);
        return target;
    }

    /**
     * Saves under {@link #safeName()} in {@code folder}, as "name (2).ext" and so on when the name is taken.
     */
    public Path saveInto(Path folder) throws IOException {
        Files.createDirectories(folder);
        String safe = safeName();
        String ext = FileTypes.extension(safe);
        String stem = ext.isEmpty() ? safe : safe.substring(0, safe.length() - ext.length() - 1);
        Path target = folder.resolve(safe);
        for (int n = 2; Files.exists(target); n++) {
            target = folder.resolve(stem + " (" + n + ")" + (ext.isEmpty() ? "" : "." + ext));
        }
        return saveTo(target);
    }
}
