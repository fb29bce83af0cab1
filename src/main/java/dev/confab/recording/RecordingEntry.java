package dev.confab.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One finished recording in the library.
 *
 * @param meeting        the meeting's topic (or "Meeting ID") as tagged in the file, else the file name
 * @param chatTranscript the chat saved beside it, if the user chose to
 * @param encrypted      whether the file is encrypted ({@link RecordingSeal}): only Confab opens it, on this computer
 */
public record RecordingEntry(Path file, Instant startedAt, String meeting, Duration duration, long sizeBytes,
                             Optional<Path> chatTranscript, boolean encrypted) {

    /** An ordinary (not encrypted) recording. */
    public RecordingEntry(Path file, Instant startedAt, String meeting, Duration duration, long sizeBytes,
                          Optional<Path> chatTranscript) {
        this(file, startedAt, meeting, duration, sizeBytes, chatTranscript, false);
    }
}
