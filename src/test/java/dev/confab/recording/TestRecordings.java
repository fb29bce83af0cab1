package dev.confab.recording;

import dev.confab.media.MeetingRecorder;
import dev.confab.media.RecordingFormat;
import dev.confab.media.SyntheticMeetingFeed;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finished recordings of synthetic input for library and recovery tests, made as fast as the encoder goes. */
public final class TestRecordings {
    static final SyntheticMeetingFeed FEED = new SyntheticMeetingFeed(320, 240);
    /** Plenty of space and a fast check, so tests do not wait for the watch. */
    static final Duration FAST_CHECK = Duration.ofMillis(50);

    private TestRecordings() {
    }

    public static Path record(Path file, String title, Instant createdAt, double seconds) throws Exception {
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT,
                Map.of("title", title, "creation_time", createdAt.toString()), e -> { });
        FEED.feed(recorder, recorder, seconds, 0, false);
        MeetingRecorder.Summary summary = recorder.stop().get(60, TimeUnit.SECONDS);
        if (summary.failed()) {
            throw summary.failure();
        }
        return file;
    }

    /** An encrypted recording made by a {@link RecordingSession} in {@code folder}, its key sealed by {@code keys}. */
    public static Path recordEncrypted(Path folder, String topic, java.time.ZonedDateTime start, double seconds,
                                       dev.confab.storage.SealedFiles keys) throws Exception {
        RecordingSession session = RecordingSession.start(storage(folder, f -> 1L << 40).encrypted(keys), topic, "111-222",
                start, outcome -> { });
        FEED.feed(session, session, seconds, 0, false);
        RecordingOutcome outcome = session.stop().get(60, TimeUnit.SECONDS);
        return outcome.file().orElseThrow(() -> new IllegalStateException("nothing recorded: " + outcome.problem()));
    }

    static RecordingStorage storage(Path folder, FreeSpaceProbe probe) {
        return new RecordingStorage(folder, probe, 500, 100, FAST_CHECK);
    }
}
