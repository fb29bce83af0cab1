package dev.confab.recording;

import java.nio.file.Path;

/** Recording did not start: the folder's disk has less free space than a recording needs to begin. */
public final class NotEnoughSpaceException extends RecordingException {
    private final long freeBytes;
    private final long requiredBytes;

    public NotEnoughSpaceException(Path folder, long freeBytes, long requiredBytes) {
        super("Only " + megabytes(freeBytes) + " MB free in " + folder + "; recording needs at least "
                + megabytes(requiredBytes) + " MB");
        this.freeBytes = freeBytes;
        this.requiredBytes = requiredBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long requiredBytes() {
        return requiredBytes;
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
