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

/** Three bots: public chat reaches both others, a private message only its recipient. */
class BotChatTest {

    @TempDir
    Path dir;
    private MeetingServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = ConfabMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    /** Each bot on its own thread: the common pool may have a single thread on a small machine. */
    private static CompletableFuture<Integer> start(StringWriter out, String... args) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> result.complete(run(out, args)));
        return result;
    }

    @Test
    void publicToAllPrivateOnlyToItsRecipient() throws Exception {
        server = TestServers.start(TestServers.loopback());
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path graceStats = dir.resolve("grace.json");
        Path linStats = dir.resolve("lin.json");

        StringWriter hostOut = new StringWriter();
        var host = start(hostOut, "bot", "--server", url, "--new", "--name", "Host", "--duration", "5s",
                "--stats-json", hostStats.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> hostOut.toString().contains("Meeting ID"));
        Matcher id = Pattern.compile("Meeting ID: (\\d{10})").matcher(hostOut.toString());
        assertThat(id.find()).isTrue();
        StringWriter graceOut = new StringWriter();
        var grace = start(graceOut, "bot", "--server", url, "--meeting", id.group(1), "--name", "Grace",
                "--duration", "4s", "--stats-json", graceStats.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> graceOut.toString().contains("Joined as participant"));

        int lin = run(new StringWriter(), "bot", "--server", url, "--meeting", id.group(1), "--name", "Lin",
                "--duration", "1s", "--chat", "hello all 👋", "--chat-to", "Grace", "only for Grace",
                "--chat-to", "Nobody", "lost", "--stats-json", linStats.toString());
        assertThat(grace.get()).isZero();
        assertThat(host.get()).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode graceReport = json.readTree(graceStats.toFile());
        assertThat(graceReport.get("messagesReceived").findValuesAsText("text"))
                .containsExactly("hello all 👋", "only for Grace");
        assertThat(graceReport.get("messagesReceived").get(1).get("private").asBoolean()).isTrue();
        assertThat(graceReport.get("messagesReceived").get(1).get("fromName").asText()).isEqualTo("Lin");

        JsonNode hostReport = json.readTree(hostStats.toFile());
        assertThat(hostReport.get("messagesReceived").findValuesAsText("text")).containsExactly("hello all 👋");
        assertThat(hostReport.get("messagesReceived").get(0).get("private").asBoolean()).isFalse();

        JsonNode linReport = json.readTree(linStats.toFile());
        assertThat(linReport.get("chatSent").asInt()).isEqualTo(2);
        assertThat(linReport.get("errors").toString()).contains("no participant named 'Nobody'");
        assertThat(lin).as("a --chat-to naming nobody is reported but not fatal").isZero();
    }
}
