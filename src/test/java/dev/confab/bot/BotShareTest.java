package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.app.ConfabMain;
import dev.confab.server.MeetingServer;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BotShareTest {

    @TempDir
    Path dir;

    private MeetingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = ConfabMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void aBotsSyntheticShareArrivesAndDecodesAtTheSharesResolution() throws Exception {
        server = TestServers.start(TestServers.loopback());
        String url = server.url().toString();
        Path sharerStats = dir.resolve("sharer.json");
        Path viewerStats = dir.resolve("viewer.json");
        StringWriter sharerOut = new StringWriter();
        CompletableFuture<Integer> sharer = CompletableFuture.supplyAsync(() -> run(sharerOut, "bot", "--server", url,
                "--new", "--name", "Sharer", "--share", "testsrc", "--duration", "6s",
                "--stats-json", sharerStats.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> sharerOut.toString().contains("Meeting ID"));
        Matcher id = Pattern.compile("Meeting ID: (\\d{10})").matcher(sharerOut.toString());
        assertThat(id.find()).isTrue();

        int viewer = run(new StringWriter(), "bot", "--server", url, "--meeting", id.group(1), "--name", "Viewer",
                "--duration", "3s", "--stats-json", viewerStats.toString());
        assertThat(viewer).isZero();
        assertThat(sharer.get()).isZero();

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
}
