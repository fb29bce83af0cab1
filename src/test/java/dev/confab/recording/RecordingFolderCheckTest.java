package dev.confab.recording;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@UnitTest
class RecordingFolderCheckTest {
    @TempDir
    Path dir;

    @Test
    void anExistingFolderOrOneThatCanBeCreatedIsFine() throws Exception {
        assertThat(RecordingFolderCheck.check(dir)).isEmpty();
        Path later = dir.resolve("Videos").resolve("Meetings");
        assertThat(RecordingFolderCheck.check(later)).isEmpty();
        assertThat(later.getParent()).as("checking creates nothing").doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).as("the write probe is removed").containsExactly();
        }
    }

    @Test
    void aFileIsNotAFolderAndNothingCanBeCreatedBelowIt() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThat(RecordingFolderCheck.check(file)).contains(RecordingFolderCheck.Problem.NOT_A_FOLDER);
        assertThat(RecordingFolderCheck.check(file.resolve("recordings")))
                .contains(RecordingFolderCheck.Problem.CANNOT_CREATE);
        assertThat(file).hasContent("mine");
    }

    @Test
    void aRelativePathIsRefused() {
        assertThat(RecordingFolderCheck.check(Path.of("Videos"))).contains(RecordingFolderCheck.Problem.NOT_ABSOLUTE);
    }

    @Test
    void aFolderNobodyCanWriteToIsRefused() {
        // Permission bits do not stop root (tests may run as root); /proc refuses new files to everyone.
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
        assertThat(RecordingFolderCheck.check(proc)).contains(RecordingFolderCheck.Problem.NOT_WRITABLE);
        assertThat(RecordingFolderCheck.check(proc.resolve("confab-recordings")))
                .contains(RecordingFolderCheck.Problem.NOT_WRITABLE);
    }

    @Test
    void storedTextThatIsNoAbsolutePathReadsAsNoChoice() {
        assertThat(RecordingFolderCheck.parse(null)).isEmpty();
        assertThat(RecordingFolderCheck.parse("  ")).isEmpty();
        assertThat(RecordingFolderCheck.parse("Videos/Confab")).isEmpty();
        assertThat(RecordingFolderCheck.parse("/tmp/a\u0000b")).isEmpty();
        assertThat(RecordingFolderCheck.parse(dir.resolve("x/../rec").toString())).contains(dir.resolve("rec"));
    }

    @Test
    void onlyNamesConfabGivesRecordingsAndTheirSidecarsCountAsConfabs() {
        assertThat(RecordingFileNames.isConfabFile("Weekly sync 2026-11-23 14-05.mp4")).isTrue();
        assertThat(RecordingFileNames.isConfabFile("Meeting 123456789 2026-11-23 14-05 (2).mp4")).isTrue();
        assertThat(RecordingFileNames.isConfabFile("Weekly sync 2026-11-23 14-05.chat.txt")).isTrue();
        assertThat(RecordingFileNames.isConfabFile("Weekly sync 2026-11-23 14-05.mp4.recording")).isTrue();
        assertThat(RecordingFileNames.isConfabFile("Weekly sync 2026-11-23 14-05.mp4.finishing.mp4")).isTrue();
        assertThat(RecordingFileNames.isConfabFile("holiday.mp4")).isFalse();
        assertThat(RecordingFileNames.isConfabFile("2026-11-23 14-05.mov")).isFalse();
        assertThat(RecordingFileNames.isConfabFile("Weekly sync 2026-11-23 14-05.mp4.bak")).isFalse();
    }
}
