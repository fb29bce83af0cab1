package dev.confab.recording;

import dev.confab.media.MediaFileInfo;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RecordingSessionTest {
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 23, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path folder;
    private final CopyOnWriteArrayList<RecordingOutcome> heard = new CopyOnWriteArrayList<>();

    @Test
    void aStoppedRecordingIsAFinishedFileNamedAfterTheMeeting() throws Exception {
        RecordingSession session = RecordingSession.start(TestRecordings.storage(folder, f -> 1L << 40),
                "Design review", "111-222", START, heard::add);
        Path file = session.file();
        assertThat(file.getFileName().toString()).isEqualTo("Design review 2026-11-23 09-30.mp4");
        assertThat(RecordingMarker.markerFor(file)).exists();

        TestRecordings.FEED.feed(session, session, 3, 0, false);
        RecordingOutcome outcome = session.stop().get(30, TimeUnit.SECONDS);

        assertThat(outcome.reason()).isEqualTo(StopReason.REQUESTED);
        assertThat(outcome.file()).contains(file);
        assertThat(outcome.problem()).isEmpty();
        assertThat(heard).containsExactly(outcome);
        assertThat(RecordingMarker.markerFor(file)).doesNotExist();
        MediaFileInfo info = MediaFileInfo.read(file);
        assertThat(info.title()).contains("Design review");
        assertThat(info.creationTime()).contains(START.toInstant());
        assertThat(info.video().toMillis()).isBetween(2900L, 3100L);
    }

    @Test
    void refusesToStartWithoutEnoughSpaceAndLeavesNothingBehind() throws Exception {
        RecordingStorage storage = TestRecordings.storage(folder, f -> 499);
        assertThatThrownBy(() -> RecordingSession.start(storage, "Sync", "1", START, heard::add))
                .isInstanceOfSatisfying(NotEnoughSpaceException.class, e -> {
                    assertThat(e.freeBytes()).isEqualTo(499);
                    assertThat(e.requiredBytes()).isEqualTo(500);
                });
        assertThat(filesIn(folder)).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void stopsCleanlyWhenTheDiskRunsLowAndKeepsWhatWasRecorded() throws Exception {
        AtomicLong free = new AtomicLong(1L << 40);
        RecordingSession session = RecordingSession.start(TestRecordings.storage(folder, f -> free.get()),
                "Sync", "1", START, heard::add);
        TestRecordings.FEED.feed(session, session, 2, 0, false);
        free.set(99);

        await().atMost(Duration.ofSeconds(20)).until(() -> !heard.isEmpty());
        RecordingOutcome outcome = heard.getFirst();
        assertThat(outcome.reason()).isEqualTo(StopReason.LOW_DISK_SPACE);
        assertThat(outcome.file()).contains(session.file());
        assertThat(MediaFileInfo.read(session.file()).video().toMillis()).isGreaterThanOrEqualTo(1900);
        assertThat(RecordingMarker.markerFor(session.file())).doesNotExist();
        assertThat(session.isRecording()).isFalse();
    }

    @Test
    void aRecordingWithNothingInItLeavesNoFile() throws Exception {
        RecordingSession session = RecordingSession.start(TestRecordings.storage(folder, f -> 1L << 40),
                "Empty", "1", START, heard::add);
        RecordingOutcome outcome = session.stop().get(30, TimeUnit.SECONDS);

        assertThat(outcome.file()).isEmpty();
        assertThat(outcome.problem()).isPresent();
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void aSecondRecordingOfTheSameMinuteGetsItsOwnFile() throws Exception {
        RecordingStorage storage = TestRecordings.storage(folder, f -> 1L << 40);
        RecordingSession first = RecordingSession.start(storage, "Sync", "1", START, heard::add);
        RecordingSession second = RecordingSession.start(storage, "Sync", "1", START, heard::add);
        assertThat(second.file()).isNotEqualTo(first.file());
        first.stop().get(30, TimeUnit.SECONDS);
        second.stop().get(30, TimeUnit.SECONDS);
    }

    private static java.util.List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
