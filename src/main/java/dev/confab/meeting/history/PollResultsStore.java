package dev.confab.meeting.history;

import dev.confab.meeting.poll.Poll;
import dev.confab.storage.AppPaths;
import dev.confab.storage.AtRest;
import dev.confab.storage.SealedFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Poll results a host or co-host chose to save: one CSV file per poll, {@code <time>-<meeting id>-poll<n>.csv}, in the
 * per-user data folder, written atomically and encrypted at rest like the meeting history (the privacy center
 * exports them in the clear).
 */
public final class PollResultsStore {
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final SealedFiles files;

    public PollResultsStore(Path dir, SealedFiles files) {
        this.dir = dir;
        this.files = files;
    }

    public static Path folder(AppPaths paths) {
        return paths.data().resolve("poll-results");
    }

    public static PollResultsStore of(AppPaths paths) {
        return new PollResultsStore(folder(paths), AtRest.files(paths));
    }

    /** Writes the poll's results and returns the file. */
    public Path save(String meetingId, Poll poll, Instant now) throws IOException {
        String id = meetingId.replaceAll("[^0-9A-Za-z]", "");
        Path file = dir.resolve(FILE_STAMP.format(now) + "-" + id + "-poll" + poll.id() + ".csv");
        files.write(file, PollResultsCsv.of(meetingId, poll).getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
