package dev.confab.recording;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.MediaException;
import dev.confab.media.MediaFileInfo;
import dev.confab.media.MeetingRecorder;
import dev.confab.media.RecordingFormat;
import dev.confab.media.VideoFrameListener;
import dev.confab.storage.SealedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One local recording of a meeting, from the free-space check to a finished file: names the file, marks it
 * unfinished while it is written (see {@link RecordingRecovery}), feeds the {@link MeetingRecorder}, watches
 * the free space, and on stop finishes the file or, if nothing playable came of it, deletes it.
 *
 * <p>Feed it like the recorder: pictures of the main stage and the audio mix, from any thread, never blocking.
 */
public final class RecordingSession implements VideoFrameListener, AudioFrameListener {
    private static final Logger log = LoggerFactory.getLogger(RecordingSession.class);
    /** An encrypted file cannot be sought back into while it is written, so it stays fragmented. */
    static final RecordingFormat ENCRYPTED_FORMAT = RecordingFormat.FRAGMENTED_MP4;

    private final RecordingStorage storage;
    private final MeetingRecorder recorder;
    private final Path file;
    private final Optional<RecordingSeal> seal;
    private final RecordingListener listener;
    private final ScheduledExecutorService diskWatch;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final CompletableFuture<RecordingOutcome> outcome = new CompletableFuture<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    private RecordingSession(RecordingStorage storage, Path file, Optional<RecordingSeal> seal, String title,
                             ZonedDateTime start, RecordingListener listener) throws RecordingException {
        this.storage = storage;
        this.file = file;
        this.seal = seal;
        this.listener = listener;
        Map<String, String> tags = Map.of(
                "title", title,
                "creation_time", DateTimeFormatter.ISO_INSTANT.format(start.toInstant()),
                "encoder", "Confab");
        try {
            recorder = seal.isPresent()
                    ? MeetingRecorder.startEncrypted(file, ENCRYPTED_FORMAT, tags, seal.get().cipher(), this::onRecorderFailure)
                    : MeetingRecorder.start(file, RecordingFormat.DEFAULT, tags, this::onRecorderFailure);
        } catch (MediaException e) {
            throw new RecordingException("Cannot start recording: " + e.getMessage(), e);
        }
        diskWatch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("recording-disk-watch").daemon(true).factory());
        long period = storage.checkInterval().toMillis();
        diskWatch.scheduleWithFixedDelay(this::checkFreeSpace, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts recording a meeting into {@code storage}'s folder.
     *
     * @param topic     the meeting's topic (may be blank: the ID is used)
     * @param start     local start time, for the file name and the file's creation time
     * @param listener  told once when the recording ends, whatever the reason
     * @throws NotEnoughSpaceException if the disk has less than {@link RecordingStorage#minimumToStart()} free
     */
    public static RecordingSession start(RecordingStorage storage, String topic, String meetingId, ZonedDateTime start,
                                         RecordingListener listener) throws RecordingException {
        Path folder;
        try {
            folder = storage.ensureFolder();
            long free = storage.freeBytes();
            if (free < storage.minimumToStart()) {
                throw new NotEnoughSpaceException(folder, free, storage.minimumToStart());
            }
        } catch (IOException e) {
            throw new RecordingException("Cannot use the recordings folder " + storage.folder() + ": " + e.getMessage(), e);
        }
        String base = RecordingFileNames.baseName(topic, meetingId, start);
        Optional<RecordingSeal> seal = storage.encryption().map(keys -> RecordingSeal.fresh());
        Path file = RecordingFileNames.uniqueFile(folder, base,
                seal.isPresent() ? RecordingSeal.EXTENSION : RecordingFormat.DEFAULT.extension());
        String title = topic == null || topic.isBlank() ? "Meeting " + (meetingId == null ? "" : meetingId).strip() : topic.strip();
        RecordingMarker marker = new RecordingMarker(file.getFileName().toString(), title, start.toInstant(),
                ProcessHandle.current().pid());
        try {
            marker.writeBeside(file);
            if (seal.isPresent()) { // before the first byte: a recording cut off by a crash can still be opened
                seal.get().saveBeside(file, storage.encryption().orElseThrow());
            }
        } catch (IOException e) {
            deleteQuietly(RecordingMarker.markerFor(file));
            throw new RecordingException("Cannot write in the recordings folder " + folder + ": " + e.getMessage(), e);
        }
        try {
            return new RecordingSession(storage, file, seal, title, start, listener);
        } catch (RecordingException | RuntimeException e) {
            deleteQuietly(file);
            deleteQuietly(RecordingSeal.keyFileFor(file));
            deleteQuietly(RecordingMarker.markerFor(file));
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** How files beside this recording are kept: sealed like its key when it is encrypted, else as they are. */
    public SealedFiles transcriptFiles() {
        return storage.encryption().orElse(SealedFiles.PLAIN);
    }

    public Duration elapsed() {
        return recorder.recordedDuration();
    }

    public long droppedFrames() {
        return recorder.droppedFrames();
    }

    public boolean isRecording() {
        return stopReason.get() == null;
    }

    @Override
    public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        recorder.onFrame(width, height, stride, bgra, captureTimeMicros);
    }

    @Override
    public void onSamples(short[] pcm, int count, long captureTimeMicros) {
        recorder.onSamples(pcm, count, captureTimeMicros);
    }

    /** Stops because the user, the host or the meeting's end asked for it. */
    public CompletableFuture<RecordingOutcome> stop() {
        return stop(StopReason.REQUESTED);
    }

    /**
     * Stops and finishes the file off the caller's thread; the future (and the listener) get the outcome. The
     * first reason given wins; later calls just return the same future.
     */
    public CompletableFuture<RecordingOutcome> stop(StopReason reason) {
        if (stopReason.compareAndSet(null, reason)) {
            diskWatch.shutdownNow();
            recorder.stop().thenAccept(this::finish);
        }
        return outcome;
    }

    private void onRecorderFailure(MediaException e) {
        failure.compareAndSet(null, e.getMessage());
        stop(StopReason.WRITE_FAILED);
    }

    private void checkFreeSpace() {
        try {
            if (storage.runningLow()) {
                log.warn("Less than {} bytes free for {}: stopping the recording", storage.minimumToContinue(), file);
                stop(StopReason.LOW_DISK_SPACE);
            }
        } catch (IOException e) {
            log.warn("Cannot check the free space for {}", file, e);
        }
    }

    private void finish(MeetingRecorder.Summary summary) {
        Optional<String> problem = Optional.ofNullable(failure.get())
                .or(() -> Optional.ofNullable(summary.failure()).map(Throwable::getMessage));
        Optional<Path> kept = Optional.empty();
        try {
            if (summary.framesWritten() == 0) {
                problem = problem.or(() -> Optional.of("Nothing was recorded"));
            } else if (playable(file, seal)) {
                kept = Optional.of(file);
                problem = problem.or(this::sealFinished);
            } else {
                problem = problem.or(() -> Optional.of("The recording could not be finished"));
            }
            if (kept.isEmpty()) {
                deleteQuietly(file);
                deleteQuietly(RecordingSeal.keyFileFor(file));
            }
        } finally {
            deleteQuietly(RecordingMarker.markerFor(file));
            RecordingOutcome result = new RecordingOutcome(stopReason.get(), kept, summary.duration(),
                    summary.framesDropped(), problem);
            try {
                listener.onStopped(result);
            } finally {
                outcome.complete(result);
            }
        }
    }

    /** A cleanly finished file has a duration in its header; one whose trailer failed may still play in fragments. */
    private static boolean playable(Path file, Optional<RecordingSeal> seal) {
        try {
            if (seal.isPresent()) {
                return MediaFileInfo.scan(file, seal.get().cipher()).hasVideo();
            }
            return MediaFileInfo.read(file).hasVideo() || MediaFileInfo.scan(file).hasVideo();
        } catch (MediaException e) {
            log.warn("{} is not playable", file, e);
            return false;
        }
    }

    /** Stores the finished file's MAC with its key; a problem to report if that fails (the file still opens). */
    private Optional<String> sealFinished() {
        if (seal.isEmpty()) {
            return Optional.empty();
        }
        try {
            seal.get().withMacOf(file).saveBeside(file, storage.encryption().orElseThrow());
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot store the key of {}", file, e);
            return Optional.of("The recording's key could not be saved: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete {}", path, e);
        }
    }
}
