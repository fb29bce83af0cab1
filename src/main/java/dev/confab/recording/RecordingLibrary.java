package dev.confab.recording;

import dev.confab.media.MediaException;
import dev.confab.media.MediaFileInfo;
import dev.confab.media.RecordingFormat;
import dev.confab.storage.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The finished recordings in a folder, newest first, for the recordings list: date, meeting, duration and
 * size read from each file; deleting a recording with what lies beside it; and the chat transcript saved next
 * to a recording. Recordings still being written or cut off (those with a marker) are not listed; see
 * {@link RecordingRecovery}. Reads files: call off the UI thread.
 */
public final class RecordingLibrary {
    private static final Logger log = LoggerFactory.getLogger(RecordingLibrary.class);
    static final String CHAT_SUFFIX = ".chat.txt";

    private final Path folder;

    public RecordingLibrary(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public List<RecordingEntry> list() throws IOException {
        List<RecordingEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*." + RecordingFormat.DEFAULT.extension())) {
            for (Path file : files) {
                // Named like Confab's recordings: the folder may be the user's own Videos folder.
                if (Files.isRegularFile(file) && !Files.exists(RecordingMarker.markerFor(file))
                        && !file.getFileName().toString().startsWith(".")
                        && RecordingFileNames.isConfabFile(file.getFileName().toString())) {
                    describe(file).ifPresent(entries::add);
                }
            }
        }
        entries.sort(Comparator.comparing(RecordingEntry::startedAt).reversed());
        return entries;
    }

    private Optional<RecordingEntry> describe(Path file) throws IOException {
        long size = Files.size(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        try {
            MediaFileInfo info = MediaFileInfo.read(file);
            Instant started = info.creationTime().orElse(modified.minus(info.duration()));
            String meeting = info.title().filter(t -> !t.isBlank()).orElse(baseName(file));
            return Optional.of(new RecordingEntry(file, started, meeting, info.duration(), size, existing(chatTranscriptFor(file))));
        } catch (MediaException e) {
            // Not ours or damaged: shown with what the file system knows, so the user can still delete it.
            log.info("Cannot read {}: {}", file, e.getMessage());
            return Optional.of(new RecordingEntry(file, modified, baseName(file), Duration.ZERO, size,
                    existing(chatTranscriptFor(file))));
        }
    }

    /** Deletes a recording, its chat transcript and any marker. Only files inside this library's folder. */
    public void delete(RecordingEntry entry) throws IOException {
        Path file = inside(entry.file());
        Files.deleteIfExists(chatTranscriptFor(file));
        Files.deleteIfExists(RecordingMarker.markerFor(file));
        Files.deleteIfExists(file);
    }

    /** Saves the meeting's chat beside a recording (written whole or not at all); returns the transcript's path. */
    public Path saveChatTranscript(Path recording, String transcript) throws IOException {
        Path target = chatTranscriptFor(inside(recording));
        AtomicFiles.write(target, transcript.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /** "Weekly sync 2026-11-23 14-05.chat.txt" beside "Weekly sync 2026-11-23 14-05.mp4". */
    public static Path chatTranscriptFor(Path recording) {
        return recording.resolveSibling(baseName(recording) + CHAT_SUFFIX);
    }

    private Path inside(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        if (!normalized.getParent().equals(folder)) {
            throw new IllegalArgumentException(file + " is not a recording in " + folder);
        }
        return normalized;
    }

    private static Optional<Path> existing(Path path) {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
