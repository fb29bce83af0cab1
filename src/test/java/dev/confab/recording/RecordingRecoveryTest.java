package dev.confab.recording;

import dev.confab.media.ChildJvm;
import dev.confab.media.MediaFileInfo;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RecordingRecoveryTest {
    @TempDir
    Path folder;

    @Test
    void aRecordingCutOffByAKillIsOfferedAndKeptAsAnOrdinaryFile() throws Exception {
        Path file;
        try (ChildJvm child = ChildJvm.start(SessionCrashChild.class, folder.toString(), "Retro", "6")) {
            file = Path.of(child.awaitLine(SessionCrashChild.READY, 60).substring(SessionCrashChild.READY.length()));
            child.kill();
        }
        assertThat(RecordingMarker.markerFor(file)).exists();
        assertThat(new RecordingLibrary(folder).list()).isEmpty();

        RecordingRecovery recovery = new RecordingRecovery(folder);
        RecordingRecovery.Findings findings = recovery.scan();
        assertThat(findings.deletedNotes()).isEmpty();
        assertThat(findings.unfinished()).singleElement().satisfies(found -> {
            assertThat(found.file()).isEqualTo(file);
            assertThat(found.marker().meeting()).isEqualTo("Retro");
            assertThat(found.playable().toMillis()).isGreaterThanOrEqualTo(4000);
        });

        recovery.keep(findings.unfinished().getFirst());

        assertThat(RecordingMarker.markerFor(file)).doesNotExist();
        MediaFileInfo kept = MediaFileInfo.read(file);
        assertThat(kept.video().toMillis()).isGreaterThanOrEqualTo(4000);
        assertThat(kept.audio().toMillis()).isGreaterThanOrEqualTo(4000);
        assertThat(kept.title()).contains("Retro");
        assertThat(recovery.scan().unfinished()).isEmpty();
        assertThat(new RecordingLibrary(folder).list()).singleElement()
                .satisfies(entry -> assertThat(entry.meeting()).isEqualTo("Retro"));
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void emptyAndUnreadableLeftoversAreRemovedWithANoteNotOffered() throws Exception {
        Path empty = folder.resolve("Empty 2026-01-01 10-00.mp4");
        Files.createFile(empty);
        leftoverMarker(empty, "Empty");
        Path garbage = folder.resolve("Garbage 2026-01-01 11-00.mp4");
        Files.write(garbage, new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e', 1, 2, 3});
        leftoverMarker(garbage, "Garbage");
        Path missing = folder.resolve("Missing 2026-01-01 12-00.mp4");
        leftoverMarker(missing, "Missing");

        RecordingRecovery.Findings findings = new RecordingRecovery(folder).scan();

        assertThat(findings.unfinished()).isEmpty();
        assertThat(findings.deletedNotes()).hasSize(3)
                .anySatisfy(note -> assertThat(note).contains("Empty"))
                .anySatisfy(note -> assertThat(note).contains("Garbage"))
                .anySatisfy(note -> assertThat(note).contains("Missing"));
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aLeftoverWithAnUnreadableMarkerIsStillOffered() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Lost 2026-01-01 10-00.mp4"), "Lost", Instant.now(), 1);
        Files.writeString(RecordingMarker.markerFor(file), "{not json");

        assertThat(new RecordingRecovery(folder).scan().unfinished()).singleElement()
                .satisfies(found -> assertThat(found.file()).isEqualTo(file));
    }

    @Test
    void aRecordingStillBeingWrittenIsLeftAlone() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Live 2026-01-01 10-00.mp4"), "Live", Instant.now(), 1);
        new RecordingMarker(file.getFileName().toString(), "Live", Instant.now(), ProcessHandle.current().pid())
                .writeBeside(file);

        assertThat(new RecordingRecovery(folder).scan().unfinished()).isEmpty();
        assertThat(file).exists();
        assertThat(RecordingMarker.markerFor(file)).exists();
    }

    @Test
    void discardDeletesTheLeftoverAndItsMarker() throws Exception {
        Path file = TestRecordings.record(folder.resolve("Old 2026-01-01 10-00.mp4"), "Old", Instant.now(), 1);
        leftoverMarker(file, "Old");
        RecordingRecovery recovery = new RecordingRecovery(folder);
        List<UnfinishedRecording> unfinished = recovery.scan().unfinished();
        assertThat(unfinished).hasSize(1);

        recovery.discard(unfinished.getFirst());

        assertThat(file).doesNotExist();
        assertThat(RecordingMarker.markerFor(file)).doesNotExist();
    }

    /**
     * A marker whose process ID now belongs to a process that started later (this test JVM): the writer is
     * gone, as after a reboot.
     */
    private static void leftoverMarker(Path file, String meeting) throws Exception {
        Instant beforeThisProcess = ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600);
        new RecordingMarker(file.getFileName().toString(), meeting, beforeThisProcess, ProcessHandle.current().pid())
                .writeBeside(file);
    }
}
