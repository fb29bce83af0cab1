package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import dev.confab.testing.XvfbDisplay;
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

    /** The {@code share} figures of both bots' stats JSON. */
    private record Stats(JsonNode sharer, JsonNode viewer) {
    }

    /**
     * A bot that creates a meeting and shares {@code source}; once it has printed {@code ready}, a second bot joins
     * for {@code viewerDuration} and leaves, then the sharer leaves. Both must exit normally.
     */
    private Stats shareAndWatch(String source, String ready, String viewerDuration) throws Exception {
        String url = servers.loopback().url().toString();
        Path sharerStats = dir.resolve("sharer.json");
        Path viewerStats = dir.resolve("viewer.json");
        var sharer = CliRun.inBackground("bot", "--server", url,
                "--new", "--name", "Sharer", "--share", source, "--duration", "60s",
                "--stats-json", sharerStats.toString());
        sharer.awaitOutput(ready);
        CliRun viewer = CliRun.of("bot", "--server", url, "--meeting", sharer.meetingId(), "--name", "Viewer",
                "--duration", viewerDuration, "--stats-json", viewerStats.toString());
        assertThat(viewer.exitCode()).isZero();
        assertThat(sharer.leaveNow().result().exitCode()).isZero(); // the viewer has been and gone
        ObjectMapper json = new ObjectMapper();
        return new Stats(json.readTree(sharerStats.toFile()).get("share"), json.readTree(viewerStats.toFile()).get("share"));
    }

    @Test
    void aBotsSyntheticShareArrivesAndDecodesAtTheSharesResolution() throws Exception {
        Stats stats = shareAndWatch("testsrc", "Sharing the test screen", "3s");
        JsonNode seen = stats.viewer();
        assertThat(seen.get("framesReceived").asLong()).isPositive();
        assertThat(seen.get("framesDecoded").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode share = seen.get("sharesSeen").get("1");
        assertThat(share.get("width").asInt()).isEqualTo(BotShare.SHARE_FORMAT.width());
        assertThat(share.get("height").asInt()).isEqualTo(BotShare.SHARE_FORMAT.height());

        JsonNode sent = stats.sharer();
        assertThat(sent.get("framesSent").asLong()).isGreaterThanOrEqualTo(seen.get("framesDecoded").asLong());
        assertThat(sent.get("sentResolution").asText()).isEqualTo("1280x720");
        assertThat(sent.get("sourceKind").asText()).isEqualTo("screen");
        assertThat(seen.get("sourceKind").isNull()).as("the viewer shares nothing").isTrue();
    }

    @Test
    void computerSoundWithoutAShareOrWithoutAudioIsAUsageError() throws Exception {
        String url = servers.loopback().url().toString();
        CliRun withoutShare = CliRun.of("bot", "--server", url, "--new", "--share-sound", "--duration", "1s");
        assertThat(withoutShare.exitCode()).isEqualTo(2);
        assertThat(withoutShare.err()).contains("--share-sound needs --share");
        CliRun withoutAudio = CliRun.of("bot", "--server", url, "--new", "--share", "testsrc", "--audio", "none",
                "--share-sound", "--duration", "1s");
        assertThat(withoutAudio.exitCode()).isEqualTo(2);
    }

    @Test
    void aBotSharesOneWindowByItsTitleAtTheWindowsOwnSize() throws Exception {
        try (XvfbDisplay desktop = XvfbDisplay.start(800, 600)) {
            desktop.openWindow("Wallpaper", 0x2040E0, 0, 0, 800, 600, desktop.serverPid());
            desktop.openWindow("Budget 2027 — Spreadsheet", 0xD02020, 100, 100, 320, 200, desktop.serverPid());
            MeetingServer server = servers.loopback();
            Path sharerStats = dir.resolve("window-sharer.json");
            Path viewerStats = dir.resolve("window-viewer.json");
            var sharer = CliRun.inBackground("bot", "--server", server.url().toString(), "--new", "--name", "Sharer",
                    "--share", "window:Budget 2027", "--x-display", desktop.name(), "--duration", "60s",
                    "--stats-json", sharerStats.toString());
            sharer.awaitOutput("Sharing Budget 2027 — Spreadsheet");

            // A still window is sent at a few frames per second; a late joiner's first keyframe takes a moment.
            CliRun viewer = CliRun.of("bot", "--server", server.url().toString(), "--meeting", sharer.meetingId(),
                    "--name", "Viewer", "--duration", "8s", "--stats-json", viewerStats.toString());
            assertThat(viewer.exitCode()).isZero();
            CliRun shared = sharer.leaveNow().result();
            assertThat(shared.exitCode()).as(shared.err()).isZero();

            JsonNode shares = new ObjectMapper().readTree(viewerStats.toFile()).get("share").get("sharesSeen");
            assertThat(shares.size()).as(shares.toString()).isEqualTo(1);
            JsonNode seen = shares.elements().next();
            assertThat(seen.get("framesDecoded").asLong()).isPositive();
            assertThat(seen.get("width").asInt()).as("the window, not the 800x600 screen").isEqualTo(320);
            assertThat(seen.get("height").asInt()).isEqualTo(200);
            JsonNode sent = new ObjectMapper().readTree(sharerStats.toFile()).get("share");
            assertThat(sent.get("sourceKind").asText()).isEqualTo("window");
            assertThat(sent.get("sentResolution").asText()).isEqualTo("320x200");

            CliRun missing = CliRun.of("bot", "--server", server.url().toString(), "--new", "--name", "Nobody",
                    "--share", "window:No such window", "--x-display", desktop.name(), "--duration", "1s");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.err()).contains("no window titled 'No such window'").contains("Budget 2027");
        }
    }

    @Test
    void aBotsWhiteboardAndItsTestStrokeReachABotThatJoinsLater() throws Exception {
        Stats stats = shareAndWatch("whiteboard", "Whiteboard open with a test stroke", "2s");
        JsonNode seen = stats.viewer();
        assertThat(seen.get("stateShapesReceived").asLong()).as("the stroke, handed over sealed to the newcomer")
                .isEqualTo(1);
        assertThat(seen.get("framesReceived").asLong()).as("a whiteboard sends no video").isZero();
        assertThat(seen.get("sourceKind").isNull()).isTrue();

        JsonNode sent = stats.sharer();
        assertThat(sent.get("sourceKind").asText()).isEqualTo("whiteboard");
        assertThat(sent.get("annotationsSent").asLong()).isEqualTo(1);
        assertThat(sent.get("framesSent").asLong()).isZero();
    }

    @Test
    void anUnknownShareSourceIsAUsageError() {
        CliRun run = CliRun.of("bot", "--server", "wss://127.0.0.1:1", "--new", "--share", "blackboard");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'testsrc', 'whiteboard', 'window:TITLE', 'portal:monitor' or 'portal:window'");
    }
}
