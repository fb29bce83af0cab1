package dev.confab.storage;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file written where the user asked (bot --stats-json /tmp/stats.json, an export into their home folder) must not
 * change who may enter the folder it lands in; a folder Confab creates for its own data is owner-only.
 */
@UnitTest
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writingIntoAnExistingSharedFolderLeavesItsModeAlone() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        AtomicFiles.write(shared.resolve("stats.json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("stats.json"))))
                .as("the file itself is private").isEqualTo("rw-------");
    }

    @Test
    void aFolderTheWriteCreatesIsOwnerOnly() throws Exception {
        Path created = dir.resolve("confab").resolve("recordings");

        AtomicFiles.write(created.resolve("marker.json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
        assertThat(Files.readString(created.resolve("marker.json"))).isEqualTo("{}");
    }
}
