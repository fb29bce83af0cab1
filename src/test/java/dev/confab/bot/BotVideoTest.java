package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BotVideoTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void botsSendTestPatternAndDecodeEachOtherWithLatencyFigures() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path guestStats = dir.resolve("guest.json");
        var host = CliRun.inBackground("bot",
                "--server", url, "--new", "--duration", "60s", "--video", "testsrc", "--video-size", "640x360",
                "--fps", "15", "--stats-json", hostStats.toString());

        CliRun guest = CliRun.of("bot", "--server", url, "--meeting", host.meetingId(),
                "--duration", "3s", "--video", "testsrc", "--video-size", "640x360", "--fps", "15",
                "--stats-json", guestStats.toString());
        assertThat(guest.exitCode()).isZero();
        assertThat(host.leaveNow().result().exitCode()).isZero(); // the guest has been and gone

        for (Path stats : new Path[] {hostStats, guestStats}) {
            JsonNode video = new ObjectMapper().readTree(stats.toFile()).get("video");
            assertThat(video.get("framesSent").asLong()).isGreaterThan(10);
            JsonNode remote = video.get("remotes").get(0);
            assertThat(remote.get("width").asInt()).isEqualTo(640);
            assertThat(remote.get("height").asInt()).isEqualTo(360);
            assertThat(remote.get("framesDecoded").asLong()).isGreaterThan(10);
            assertThat(remote.get("decodeErrors").asLong()).isZero();
            assertThat(remote.get("latencyP95Millis").asDouble()).isPositive();
            assertThat(video.get("latencyP99Millis").asDouble()).isPositive();
        }
    }

    @Test
    void cameraPicturesFollowTheSpeakersSound() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path guestStats = dir.resolve("guest.json");
        var speaker = CliRun.inBackground("bot",
                "--server", url, "--new", "--duration", "60s", "--video", "testsrc", "--video-size", "640x360",
                "--fps", "15", "--audio", "sine");

        CliRun watcher = CliRun.of("bot", "--server", url, "--meeting", speaker.meetingId(),
                "--duration", "4s", "--video", "none", "--audio", "none", "--stats-json", guestStats.toString());
        assertThat(watcher.exitCode()).isZero();
        assertThat(speaker.leaveNow().result().exitCode()).isZero(); // the watcher has been and gone

        JsonNode lipSync = new ObjectMapper().readTree(guestStats.toFile()).get("video").get("remotes").get(0)
                .get("lipSync");
        long shown = lipSync.get("framesShownWithSound").asLong();
        assertThat(shown).as("pictures shown while the tone played").isGreaterThan(20);
        // The sound passes a jitter buffer and the output's buffer, the picture does not: without holding
        // pictures back, the video would lead the sound on every frame.
        assertThat(lipSync.get("framesHeld").asLong()).isGreaterThan(shown / 2);
        assertThat(lipSync.get("offsetP95Millis").asDouble()).isLessThanOrEqualTo(45);
        assertThat(lipSync.get("framesOutOfSync").asLong()).isLessThanOrEqualTo(shown / 20);
    }

    @Test
    void badVideoOptionsAreUsageErrors() {
        CliRun webcam = CliRun.of("bot", "--server", "ws://127.0.0.1:1", "--new", "--video", "webcam");
        assertThat(webcam.exitCode()).isEqualTo(2);
        assertThat(webcam.err()).contains("--video must be testsrc or none");
        CliRun oddSize = CliRun.of("bot", "--server", "ws://127.0.0.1:1", "--new", "--video-size", "641x360");
        assertThat(oddSize.exitCode()).isEqualTo(2);
        assertThat(oddSize.err()).contains("Bad --video-size");
    }
}
