package dev.confab.meeting;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class KnownServersTest {

    @TempDir
    Path dir;

    @Test
    void pinnedFingerprintsSurviveARestartPerHostAndPort() throws Exception {
        Path file = dir.resolve("config/known-servers.json");
        URI server = URI.create("wss://Meet.Example.org:47100");
        KnownServers.load(file).trust(server, "ab".repeat(32));

        KnownServers reloaded = KnownServers.load(file);
        assertThat(reloaded.fingerprintFor(URI.create("wss://meet.example.org:47100"))).contains("AB:".repeat(31) + "AB");
        assertThat(reloaded.trustFor(server).pinnedFingerprint()).isEqualTo("AB:".repeat(31) + "AB");
        assertThat(reloaded.fingerprintFor(URI.create("wss://meet.example.org:47101"))).isEmpty();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }

        reloaded.forget(server);
        assertThat(KnownServers.load(file).fingerprintFor(server)).isEmpty();
    }

    @Test
    void missingFileMeansNothingPinned() {
        KnownServers known = KnownServers.load(dir.resolve("none.json"));
        assertThat(known.trustFor(URI.create("wss://x:1")).pinnedFingerprint()).isNull();
    }
}
