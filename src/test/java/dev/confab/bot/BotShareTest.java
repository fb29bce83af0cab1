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
class BotShareTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void aBotsSyntheticShareArrivesAndDecodesAtTheSharesResolution() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path sharerStats = dir.resolve("sharer.json");
        Path viewerStats = dir.resolve("viewer.json");
        var sharer = CliRun.inBackground("bot", "--server", url,
                "--new", "--name", "Sharer", "--share", "testsrc", "--duration", "60s",
                "--stats-json", sharerStats.toString());

        CliRun viewer = CliRun.of("bot", "--server", url, "--meeting", sharer.meetingId(), "--name", "Viewer",
                "--duration", "3s", "--stats-json", viewerStats.toString());
        assertThat(viewer.exitCode()).isZero();
        assertThat(sharer.leaveNow().result().exitCode()).isZero(); // the viewer has been and gone

        JsonNode seen = new ObjectMapper().readTree(viewerStats.toFile()).get("share");
        assertThat(seen.get("framesReceived").asLong()).isPositive();
        assertThat(seen.get("framesDecoded").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode share = seen.get("sharesSeen").get("1");
        assertThat(share.get("width").asInt()).isEqualTo(BotShare.SHARE_FORMAT.width());
        assertThat(share.get("height").asInt()).isEqualTo(BotShare.SHARE_FORMAT.height());

        JsonNode sent = new ObjectMapper().readTree(sharerStats.toFile()).get("share");
        assertThat(sent.get("framesSent").asLong()).isGreaterThanOrEqualTo(seen.get("framesDecoded").asLong());
        assertThat(sent.get("sentResolution").asText()).isEqualTo("1280x720");
    }

    @Test
    void aBotsWhiteboardAndItsTestStrokeReachABotThatJoinsLater() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path sharerStats = dir.resolve("sharer.json");
        Path viewerStats = dir.resolve("viewer.json");
        var sharer = CliRun.inBackground("bot", "--server", url,
                "--new", "--name", "Sharer", "--share", "whiteboard", "--duration", "60s",
                "--stats-json", sharerStats.toString());
        sharer.awaitOutput("Whiteboard open with a test stroke");

        CliRun viewer = CliRun.of("bot", "--server", url, "--meeting", sharer.meetingId(), "--name", "Late",
                "--duration", "2s", "--stats-json", viewerStats.toString());
        assertThat(viewer.exitCode()).isZero();
        assertThat(sharer.leaveNow().result().exitCode()).isZero();

        JsonNode seen = new ObjectMapper().readTree(viewerStats.toFile()).get("share");
        assertThat(seen.get("stateShapesReceived").asLong()).as("the stroke, handed over sealed to the newcomer")
                .isEqualTo(1);
        assertThat(seen.get("framesReceived").asLong()).as("a whiteboard sends no video").isZero();
        assertThat(seen.get("source").isNull()).isTrue();

        JsonNode sent = new ObjectMapper().readTree(sharerStats.toFile()).get("share");
        assertThat(sent.get("source").asText()).isEqualTo("whiteboard");
        assertThat(sent.get("annotationsSent").asLong()).isEqualTo(1);
        assertThat(sent.get("framesSent").asLong()).isZero();
    }

    @Test
    void anUnknownShareSourceIsAUsageError() {
        CliRun run = CliRun.of("bot", "--server", "wss://127.0.0.1:1", "--new", "--share", "blackboard");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'testsrc' and 'whiteboard'");
    }
}
