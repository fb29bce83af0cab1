package dev.confab.recording;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class RecordingLibraryTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path folder;

    @Test
    void listsRecordingsNewestFirstWithMeetingDurationAndSize() throws Exception {
        Path older = TestRecordings.record(folder.resolve("Standup 2026-11-23 10-00.mp4"), "Standup", MONDAY, 1);
        Path newer = TestRecordings.record(folder.resolve("周会 2026-11-24 10-00.mp4"), "周会", TUESDAY, 2);

        List<RecordingEntry> entries = new RecordingLibrary(folder).list();

        assertThat(entries).extracting(RecordingEntry::file).containsExactly(newer, older);
        RecordingEntry first = entries.getFirst();
        assertThat(first.meeting()).isEqualTo("周会");
        assertThat(first.startedAt()).isEqualTo(TUESDAY);
        assertThat(first.duration().toMillis()).isBetween(1900L, 2100L);
        assertThat(first.sizeBytes()).isEqualTo(Files.size(newer));
        assertThat(first.chatTranscript()).isEmpty();
    }

    @Test
    void recordingsInProgressOrCutOffAreNotListed() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Live 2026-11-23 10-00.mp4"), "Live", MONDAY, 1);
        new RecordingMarker(file.getFileName().toString(), "Live", MONDAY, 1).writeBeside(file);

        assertThat(new RecordingLibrary(folder).list()).isEmpty();
    }

    @Test
    void chatTranscriptIsSavedBesideTheRecordingAndDeletedWithIt() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Planning 2026-11-23 10-00.mp4"), "Planning", MONDAY, 1);
        RecordingLibrary library = new RecordingLibrary(folder);

        Path transcript = library.saveChatTranscript(file, "09:01 Ana: hello\n09:02 李雷: 你好\n");

        assertThat(transcript).isEqualTo(folder.resolve("Planning 2026-11-23 10-00.chat.txt"));
        assertThat(Files.readString(transcript)).isEqualTo("09:01 Ana: hello\n09:02 李雷: 你好\n");
        RecordingEntry entry = library.list().getFirst();
        assertThat(entry.chatTranscript()).contains(transcript);

        library.delete(entry);

        assertThat(file).doesNotExist();
        assertThat(transcript).doesNotExist();
        assertThat(library.list()).isEmpty();
    }

    @Test
    void damagedRecordingsAreStillListedSoTheyCanBeDeletedButOtherVideosAreNot() throws Exception {
        Path broken = folder.resolve("Broken 2026-11-23 10-00.mp4");
        Files.write(broken, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        // The user may keep recordings in their own Videos folder: their other videos are not Confab's to list.
        Files.write(folder.resolve("holiday.mp4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        List<RecordingEntry> entries = new RecordingLibrary(folder).list();

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.meeting()).isEqualTo("Broken 2026-11-23 10-00");
            assertThat(entry.duration()).isZero();
        });
    }

    @Test
    void refusesFilesOutsideItsFolder() throws Exception {
        RecordingLibrary library = new RecordingLibrary(folder.resolve("recordings"));
        Path outside = Files.writeString(folder.resolve("precious.txt"), "keep me");
        RecordingEntry forged = new RecordingEntry(folder.resolve("recordings/../precious.txt"), MONDAY, "x",
                java.time.Duration.ZERO, 7, java.util.Optional.empty());

        assertThatThrownBy(() -> library.delete(forged)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> library.saveChatTranscript(outside, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).hasContent("keep me");
    }

    @Test
    void aMissingFolderIsAnEmptyLibrary() throws Exception {
        assertThat(new RecordingLibrary(folder.resolve("not-yet")).list()).isEmpty();
    }
}
