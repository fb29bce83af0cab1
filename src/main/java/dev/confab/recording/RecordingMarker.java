package dev.confab.recording;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.confab.storage.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The sidecar {@code <recording file>.recording} that exists exactly while a recording is being written. A
 * marker left behind after the process is gone means the recording was cut off (crash, kill, power loss), and
 * tells the next launch which meeting it was.
 *
 * @param pid the recording process, to tell a leftover from another instance's recording in progress
 */
public record RecordingMarker(String file, String meeting, Instant startedAt, long pid) {
    public static final String SUFFIX = ".recording";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Path markerFor(Path recording) {
        return recording.resolveSibling(recording.getFileName() + SUFFIX);
    }

    /** The recording a marker belongs to. */
    public static Path recordingFor(Path marker) {
        String name = marker.getFileName().toString();
        return marker.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
    }

    public static boolean isMarker(Path path) {
        return path.getFileName().toString().endsWith(SUFFIX);
    }

    void writeBeside(Path recording) throws IOException {
        AtomicFiles.write(markerFor(recording), JSON.writeValueAsBytes(this));
    }

    static RecordingMarker read(Path marker) throws IOException {
        return JSON.readValue(Files.readAllBytes(marker), RecordingMarker.class);
    }

    /**
     * Whether the process that wrote this marker is still running. A process with the same ID that started
     * after the recording began is a different process that reused the ID (typically after a reboot).
     */
    boolean writerAlive() {
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant().map(start -> !start.isAfter(startedAt)).orElse(true))
                .orElse(false);
    }
}
