package dev.confab.meeting.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The meeting history folder: one JSON file per meeting, {@code <start>-<meeting id>.json}. */
public final class MeetingHistoryStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final SealedFiles files;

    /** A history folder whose files are not encrypted. */
    public MeetingHistoryStore(Path dir) {
        this(dir, SealedFiles.PLAIN);
    }

    /** @param files encrypts each record at rest where the user's keychain holds Confab's key */
    public MeetingHistoryStore(Path dir, SealedFiles files) {
        this.dir = dir;
        this.files = files;
    }

    public static Path folder(AppPaths paths) {
        return paths.data().resolve("history");
    }

    public static MeetingHistoryStore of(AppPaths paths) {
        return new MeetingHistoryStore(folder(paths), AtRest.files(paths));
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(MeetingRecord record) {
        // The ID is validated digits from the server, but keep the name safe whatever it holds.
        String id = record.meetingId().replaceAll("[^0-9A-Za-z]", "");
        return dir.resolve(FILE_STAMP.format(record.startedAt()) + "-" + id + ".json");
    }

    public void save(MeetingRecord record) throws IOException {
        files.write(fileOf(record), JSON.writeValueAsBytes(record));
    }

    /** All readable records, newest first; unreadable files are skipped (they still show in the privacy center). */
    public List<MeetingRecord> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<MeetingRecord> records = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path file : listed.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    records.add(JSON.readValue(files.read(file), MeetingRecord.class));
                } catch (IOException | RuntimeException e) {
                    // A damaged file is not a reason to hide the rest of the history.
                }
            }
        }
        records.sort(Comparator.comparing(MeetingRecord::startedAt).reversed());
        return records;
    }

    public List<MeetingRecord> search(String query) throws IOException {
        return list().stream().filter(r -> r.matches(query)).toList();
    }

    public void delete(MeetingRecord record) throws IOException {
        Files.deleteIfExists(fileOf(record));
    }
}
