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

    static RecordingStorage storage(Path folder, FreeSpaceProbe probe) {
        return new RecordingStorage(folder, probe, 500, 100, FAST_CHECK);
    }
}
