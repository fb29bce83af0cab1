package dev.confab.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.confab.storage.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code scheduled-meetings.json} in the server's data folder, replaced atomically on every change so that a
 * crash leaves either the old or the new schedule, never half of one. Without a data folder (tests, a plain
 * loopback server) the schedule lives in memory only.
 */
final class ScheduleFile {

    static final String NAME = "scheduled-meetings.json";
    private static final Logger LOG = LoggerFactory.getLogger("confab.server");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Why an ID no longer works, kept for a while after the meeting itself is deleted. */
    enum Gone { CANCELLED, EXPIRED }

    /** Only the ID, why it ended and when to forget it: nothing about the meeting itself. */
    record Tombstone(String id, Gone why, Instant forgetAt) {
    }

    record Contents(int version, List<ScheduledMeeting> meetings, List<Tombstone> tombstones) {
        Contents {
            meetings = meetings == null ? List.of() : List.copyOf(meetings);
            tombstones = tombstones == null ? List.of() : List.copyOf(tombstones);
        }
    }

    private final Path file;

    /** One scheduled meeting as JSON, as in the file (the cluster keeps each in Redis this way). */
    static String json(ScheduledMeeting meeting) {
        try {
            return MAPPER.writeValueAsString(meeting);
        } catch (IOException e) {
            throw new IllegalStateException("A scheduled meeting is plain data", e);
        }
    }

    static ScheduledMeeting meeting(String json) {
        try {
            return MAPPER.readValue(json, ScheduledMeeting.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable scheduled meeting: " + e.getMessage(), e);
        }
    }

    /** {@code dataDir} null: nothing is read or written. */
    ScheduleFile(Path dataDir) {
        this.file = dataDir == null ? null : dataDir.resolve(NAME);
    }

    /**
     * What was stored; empty when there is no file. An unreadable file is moved aside (and logged) rather than
     * overwritten, so an operator can still look at it.
     */
    Contents load() {
        if (file == null || !Files.exists(file)) {
            return new Contents(1, List.of(), List.of());
        }
        try {
            return MAPPER.readValue(file.toFile(), Contents.class);
        } catch (IOException e) {
            Path aside = file.resolveSibling(NAME + ".unreadable-" + System.currentTimeMillis());
            LOG.error("event=schedule_unreadable file={} moved_to={}", file, aside, e);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("event=schedule_move_failed file={}", file, moveFailed);
            }
            return new Contents(1, List.of(), List.of());
        }
    }

    void save(Contents contents) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(contents));
        } catch (IOException e) {
            // The schedule in memory stays right; the next change tries again.
            LOG.error("event=schedule_write_failed file={}", file, e);
        }
    }
}
