package dev.confab.recording;

import dev.confab.media.MediaException;
import dev.confab.media.MediaFileInfo;
import dev.confab.media.RecordingFormat;
import dev.confab.storage.AtomicFiles;
import dev.confab.storage.SealedFiles;
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
 * {@link RecordingRecovery}. Encrypted recordings ({@link RecordingSeal}) are read with their keys, and
 * {@link #export} / {@link #playableCopy} decrypt them. Reads files: call off the UI thread.
 */
public final class RecordingLibrary {
    private static final Logger log = LoggerFactory.getLogger(RecordingLibrary.class);
    static final String CHAT_SUFFIX = ".chat.txt";

    /** Hidden decrypted copies made for the system player: {@code .<name>.playing.mp4}, removed on every launch. */
    static final String PLAYING_SUFFIX = ".playing.mp4";

    private final Path folder;
    private final SealedFiles keys;

    /** A library of ordinary recordings only (encrypted ones are listed but cannot be opened). */
    public RecordingLibrary(Path folder) {
        this(folder, SealedFiles.PLAIN);
    }

    /** @param keys opens the key files of encrypted recordings (the home's at-rest files) */
    public RecordingLibrary(Path folder, SealedFiles keys) {
        this.keys = keys;
        this.folder = folder.toAbsolutePath().normalize();
    }

    public List<RecordingEntry> list() throws IOException {
        List<RecordingEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                "*.{" + RecordingFormat.DEFAULT.extension() + "," + RecordingSeal.EXTENSION + "}")) {
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
        boolean encrypted = RecordingSeal.isEncrypted(file);
        try {
            MediaFileInfo info = encrypted ? MediaFileInfo.read(file, RecordingSeal.of(file, keys).cipher()) : MediaFileInfo.read(file);
            Instant started = info.creationTime().orElse(modified.minus(info.duration()));
            String meeting = info.title().filter(t -> !t.isBlank()).orElse(baseName(file));
            return Optional.of(new RecordingEntry(file, started, meeting, info.duration(), size,
                    existing(chatTranscriptFor(file)), encrypted));
        } catch (MediaException | IOException e) {
            // Not ours, damaged, or its key is gone: shown with what the file system knows, so the user can still delete it.
            log.info("Cannot read {}: {}", file, e.getMessage());
            return Optional.of(new RecordingEntry(file, modified, baseName(file), Duration.ZERO, size,
                    existing(chatTranscriptFor(file)), encrypted));
        }
    }

    /**
     * Writes a recording as an ordinary MP4 file at {@code target} (whole or not at all): an encrypted one
     * decrypted, its MAC checked, an ordinary one copied. Fails with a message for the user when an encrypted
     * recording's key is gone or the file was changed.
     */
    public void export(RecordingEntry entry, Path target) throws IOException {
        Path file = inside(entry.file());
        if (!RecordingSeal.isEncrypted(file)) {
            Path temp = target.resolveSibling("." + target.getFileName() + ".copying");
            try {
                Files.copy(file, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            return;
        }
        RecordingSeal.of(file, keys).decrypt(file, target);
    }

    /**
     * What the system player can open: the recording itself, or for an encrypted one a decrypted, owner-only,
     * hidden copy beside it, kept until the next launch of Confab deletes it (see {@link #deletePlayableCopies}).
     */
    public Path playableCopy(RecordingEntry entry) throws IOException {
        Path file = inside(entry.file());
        if (!RecordingSeal.isEncrypted(file)) {
            return file;
        }
        Path copy = playingCopyOf(file);
        if (!Files.isRegularFile(copy)) {
            RecordingSeal.of(file, keys).decrypt(file, copy);
        }
        return copy;
    }

    /** Deletes the decrypted copies made for playing; run on every launch and when Confab exits. */
    public void deletePlayableCopies() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(folder, ".*" + PLAYING_SUFFIX)) {
            for (Path copy : copies) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private static Path playingCopyOf(Path encrypted) {
        return encrypted.resolveSibling("." + baseName(encrypted) + PLAYING_SUFFIX);
    }

    /** Deletes a recording, its chat transcript and any marker. Only files inside this library's folder. */
    public void delete(RecordingEntry entry) throws IOException {
        Path file = inside(entry.file());
        Files.deleteIfExists(chatTranscriptFor(file));
        Files.deleteIfExists(RecordingMarker.markerFor(file));
        Files.deleteIfExists(playingCopyOf(file));
        Files.deleteIfExists(file);
        Files.deleteIfExists(RecordingSeal.keyFileFor(file));
    }

    /**
     * Saves the meeting's chat beside a recording (written whole or not at all; sealed like the recording's key
     * when the recording is encrypted); returns the transcript's path.
     */
    public Path saveChatTranscript(Path recording, String transcript) throws IOException {
        Path file = inside(recording);
        Path target = chatTranscriptFor(file);
        byte[] content = transcript.getBytes(StandardCharsets.UTF_8);
        if (RecordingSeal.isEncrypted(file)) {
            if (!keys.sealing()) {
                throw new IOException("No keychain: the chat of an encrypted recording is not saved in clear");
            }
            keys.write(target, content);
        } else {
            AtomicFiles.write(target, content);
        }
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
        if (RecordingSeal.isEncrypted(file)) {
            return name.substring(0, name.length() - RecordingSeal.EXTENSION.length() - 1);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
