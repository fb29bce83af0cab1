package dev.confab.recording;

import dev.confab.storage.AtomicFiles;
import dev.confab.storage.SealedFiles;

import dev.confab.media.MediaException;
import dev.confab.media.MediaFileInfo;
import dev.confab.media.RecordingRemuxer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds recordings that were cut off, on the next launch, so the user can keep or discard them. A leftover
 * is a {@link RecordingMarker} whose process is gone. Leftovers with nothing playable (missing, empty, or
 * unreadable files) are deleted straight away and reported as notes; they are never offered as recordings.
 *
 * <p>{@link #keep} finalises the file: the cut-off file is a fragmented MP4, which plays but has no index, so
 * some players cannot seek in it or show its length; it is copied (not re-encoded) into an ordinary MP4.
 * Runs file I/O: call off the UI thread.
 */
public final class RecordingRecovery {
    private static final Logger log = LoggerFactory.getLogger(RecordingRecovery.class);
    private static final String FINISHING = ".finishing.";

    private final Path folder;
    private final SealedFiles keys;

    public RecordingRecovery(Path folder) {
        this(folder, SealedFiles.PLAIN);
    }

    /** @param keys opens (and seals again) the keys of encrypted recordings */
    public RecordingRecovery(Path folder, SealedFiles keys) {
        this.folder = folder;
        this.keys = keys;
    }

    /** What a scan found: recordings to offer, and notes about broken leftovers that were deleted. */
    public record Findings(List<UnfinishedRecording> unfinished, List<String> deletedNotes) {
    }

    public Findings scan() throws IOException {
        List<UnfinishedRecording> unfinished = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Findings(unfinished, notes);
        }
        for (Path marker : markers()) {
            Path file = RecordingMarker.recordingFor(marker);
            RecordingMarker content;
            try {
                content = RecordingMarker.read(marker);
            } catch (IOException e) {
                content = new RecordingMarker(file.getFileName().toString(), file.getFileName().toString(),
                        Files.getLastModifiedTime(marker).toInstant(), -1);
            }
            if (content.writerAlive()) {
                continue;
            }
            inspect(file, marker, content, unfinished, notes);
        }
        unfinished.sort(Comparator.comparing((UnfinishedRecording r) -> r.marker().startedAt()).reversed());
        return new Findings(unfinished, notes);
    }

    private void inspect(Path file, Path marker, RecordingMarker content,
                         List<UnfinishedRecording> unfinished, List<String> notes) throws IOException {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + FINISHING + "mp4"));
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(RecordingSeal.keyFileFor(file));
            Files.delete(marker);
            notes.add("The recording of \"" + content.meeting() + "\" had no content and was removed");
            return;
        }
        try {
            MediaFileInfo info = RecordingSeal.isEncrypted(file)
                    ? MediaFileInfo.scan(file, RecordingSeal.of(file, keys).cipher()) : MediaFileInfo.scan(file);
            if (info.hasVideo()) {
                unfinished.add(new UnfinishedRecording(file, content, info.duration(), Files.size(file)));
                return;
            }
        } catch (MediaException | IOException e) {
            log.info("Unfinished recording {} is unreadable: {}", file, e.getMessage());
        }
        Files.delete(file);
        Files.deleteIfExists(RecordingSeal.keyFileFor(file));
        Files.delete(marker);
        notes.add("The recording of \"" + content.meeting() + "\" could not be played and was removed");
    }

    /** Turns the leftover into an ordinary MP4 in place and forgets that it was unfinished. */
    public Path keep(UnfinishedRecording recording) throws RecordingException {
        Path file = recording.file();
        Path finished = file.resolveSibling(file.getFileName() + FINISHING + "mp4");
        try {
            if (RecordingSeal.isEncrypted(file)) {
                keepEncrypted(file, finished);
                return file;
            }
            RecordingRemuxer.remux(file, finished);
            if (!MediaFileInfo.read(finished).hasVideo()) {
                throw new MediaException("the finished copy has no video");
            }
            AtomicFiles.moveIntoPlace(finished, file);
            Files.deleteIfExists(RecordingMarker.markerFor(file));
            return file;
        } catch (MediaException | IOException e) {
            try {
                Files.deleteIfExists(finished);
            } catch (IOException ignored) {
                // Found and removed again by the next scan.
            }
            throw new RecordingException("Cannot finish " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An encrypted leftover is copied, still encrypted, under a new key (a key is never used for two files), then
     * the finished file's MAC is stored with that key and the copy moved over the leftover.
     */
    private void keepEncrypted(Path file, Path finished) throws IOException, MediaException {
        RecordingSeal old = RecordingSeal.of(file, keys);
        RecordingSeal fresh = RecordingSeal.fresh();
        RecordingRemuxer.remuxEncrypted(file, old.cipher(), finished, fresh.cipher());
        if (!MediaFileInfo.scan(finished, fresh.cipher()).hasVideo()) {
            throw new MediaException("the finished copy has no video");
        }
        RecordingSeal sealed = fresh.withMacOf(finished);
        Path keyFile = RecordingSeal.keyFileFor(file);
        Path oldKey = keyFile.resolveSibling(keyFile.getFileName() + ".old");
        Files.move(keyFile, oldKey, StandardCopyOption.REPLACE_EXISTING);
        try {
            sealed.saveBeside(file, keys);
            AtomicFiles.moveIntoPlace(finished, file);
        } catch (IOException e) {
            Files.move(oldKey, keyFile, StandardCopyOption.REPLACE_EXISTING);
            throw e;
        }
        Files.deleteIfExists(oldKey);
        Files.deleteIfExists(RecordingMarker.markerFor(file));
    }

    /** Deletes the leftover and its marker. */
    public void discard(UnfinishedRecording recording) throws IOException {
        Files.deleteIfExists(RecordingSeal.keyFileFor(recording.file()));
        Files.deleteIfExists(recording.file());
        Files.deleteIfExists(RecordingMarker.markerFor(recording.file()));
    }

    private List<Path> markers() throws IOException {
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + RecordingMarker.SUFFIX)) {
            entries.forEach(markers::add);
        }
        return markers;
    }
}
