package dev.confab.recording;

/** Why a recording ended; the UI turns it into a message in the user's language. */
public enum StopReason {
    /** The user (or the host, or the meeting ending) asked for it. */
    REQUESTED,
    /** Free space fell below {@link RecordingStorage#minimumToContinue()}; the file was finished cleanly. */
    LOW_DISK_SPACE,
    /** Writing failed (a disk error, the disk filled up faster than it was checked, an encoder error). */
    WRITE_FAILED
}
