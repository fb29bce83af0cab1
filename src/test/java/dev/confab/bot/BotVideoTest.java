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

class BotVideoTest {

    @TempDir
    Path dir;

    private MeetingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = ConfabMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void botsSendTestPatternAndDecodeEachOtherWithLatencyFigures() throws Exception {
        server = TestServers.start(TestServers.loopback());
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path guestStats = dir.resolve("guest.json");
        StringWriter hostOut = new StringWriter();
        CompletableFuture<Integer> host = CompletableFuture.supplyAsync(() -> run(hostOut, new StringWriter(), "bot",
                "--server", url, "--new", "--duration", "5s", "--video", "testsrc", "--video-size", "640x360",
                "--fps", "15", "--stats-json", hostStats.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hostOut.toString().contains("Meeting ID"));
        Matcher id = Pattern.compile("Meeting ID: (\\d{10})").matcher(hostOut.toString());
        assertThat(id.find()).isTrue();

        int guest = run(new StringWriter(), new StringWriter(), "bot", "--server", url, "--meeting", id.group(1),
                "--duration", "3s", "--video", "testsrc", "--video-size", "640x360", "--fps", "15",
                "--stats-json", guestStats.toString());
        assertThat(guest).isZero();
        assertThat(host.get()).isZero();

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
        server = TestServers.start(TestServers.loopback());
        String url = server.url().toString();
        Path guestStats = dir.resolve("guest.json");
        StringWriter hostOut = new StringWriter();
        CompletableFuture<Integer> speaker = CompletableFuture.supplyAsync(() -> run(hostOut, new StringWriter(), "bot",
                "--server", url, "--new", "--duration", "6s", "--video", "testsrc", "--video-size", "640x360",
                "--fps", "15", "--audio", "sine"));
        await().atMost(Duration.ofSeconds(10)).until(() -> hostOut.toString().contains("Meeting ID"));
        Matcher id = Pattern.compile("Meeting ID: (\\d{10})").matcher(hostOut.toString());
        assertThat(id.find()).isTrue();

        int watcher = run(new StringWriter(), new StringWriter(), "bot", "--server", url, "--meeting", id.group(1),
                "--duration", "4s", "--video", "none", "--audio", "none", "--stats-json", guestStats.toString());
        assertThat(watcher).isZero();
        assertThat(speaker.get()).isZero();

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
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "bot", "--server", "ws://127.0.0.1:1", "--new",
                "--video", "webcam");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--video must be testsrc or none");
        StringWriter err2 = new StringWriter();
        assertThat(run(new StringWriter(), err2, "bot", "--server", "ws://127.0.0.1:1", "--new",
                "--video-size", "641x360")).isEqualTo(2);
        assertThat(err2.toString()).contains("Bad --video-size");
    }
}
