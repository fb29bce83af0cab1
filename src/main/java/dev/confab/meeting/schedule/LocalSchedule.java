package dev.confab.meeting.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * This computer's own schedule: the meetings it scheduled, with their host keys, in one file sealed at rest
 * like the other stored files ({@code scheduled-meetings.json} in the data folder). Meetings the server has
 * forgotten (past end plus grace) are dropped whenever the file is read. Not thread-safe: one user at a time.
 */
public final class LocalSchedule {

    public static final String FILE_NAME = "scheduled-meetings.json";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final SealedFiles files;

    public LocalSchedule(Path file, SealedFiles files) {
        this.file = file;
        this.files = files;
    }

    public static Path fileOf(AppPaths paths) {
        return paths.data().resolve(FILE_NAME);
    }

    public static LocalSchedule of(AppPaths paths) {
        return new LocalSchedule(fileOf(paths), AtRest.files(paths));
    }

    public Path file() {
        return file;
    }

    /** The meetings still upcoming or running at {@code now}, soonest first. */
    public List<PlannedMeeting> upcoming(Instant now) throws IOException {
        List<PlannedMeeting> all = read();
        List<PlannedMeeting> current = all.stream().filter(m -> m.upcoming(now))
                .sorted(Comparator.comparing((PlannedMeeting m) -> m.plan().start())).toList();
        if (current.size() != all.size()) {
            write(current); // past ones are gone from the server too: nothing to keep them for
        }
        return current;
    }

    /** Adds the meeting, or replaces the one with the same ID. */
    public void save(PlannedMeeting meeting) throws IOException {
        List<PlannedMeeting> all = new ArrayList<>(read());
        all.removeIf(m -> m.meetingId().equals(meeting.meetingId()));
        all.add(meeting);
        write(all);
    }

    public void remove(String meetingId) throws IOException {
        List<PlannedMeeting> all = new ArrayList<>(read());
        if (all.removeIf(m -> m.meetingId().equals(meetingId))) {
            write(all);
        }
    }

    public PlannedMeeting find(String meetingId) throws IOException {
        String id = meetingId.replaceAll("[\\s-]", "");
        return read().stream().filter(m -> m.meetingId().equals(id)).findFirst().orElse(null);
    }

    private List<PlannedMeeting> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(files.read(file), new TypeReference<List<PlannedMeeting>>() {
        });
    }

    private void write(List<PlannedMeeting> meetings) throws IOException {
        if (meetings.isEmpty()) {
            Files.deleteIfExists(file); // nothing scheduled: nothing kept
        } else {
            files.write(file, JSON.writeValueAsBytes(meetings));
        }
    }
}
