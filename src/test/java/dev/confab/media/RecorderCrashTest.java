package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorder killed with SIGKILL after six seconds leaves a file that plays at least four of them. */
@IntegrationTest
class RecorderCrashTest {
    @TempDir
    Path dir;

    @Test
    void fileOfAKilledRecorderStillDecodes() throws Exception {
        Path file = dir.resolve("killed." + RecordingFormat.DEFAULT.extension());
        try (ChildJvm child = ChildJvm.start(RecorderCrashChild.class, file.toString(), RecordingFormat.DEFAULT.name(), "6")) {
            child.awaitLine(RecorderCrashChild.READY, 60);
            child.kill();
        }

        assertThat(Files.size(file)).isPositive();
        MeetingRecorderTest.Decoded decoded = MeetingRecorderTest.Decoded.read(file);
        assertThat(decoded.videoSeconds()).isGreaterThanOrEqualTo(4.0);
        assertThat(decoded.audioSeconds()).isGreaterThanOrEqualTo(4.0);
        FfprobeCheck.ifInstalled(file).ifPresent(probe -> {
            assertThat(probe.videoSeconds()).isGreaterThanOrEqualTo(4.0);
            assertThat(probe.audioSeconds()).isGreaterThanOrEqualTo(4.0);
        });
    }
}
