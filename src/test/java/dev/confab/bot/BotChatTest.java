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

/** Three bots: public chat reaches both others, a private message only its recipient. */
@IntegrationTest
class BotChatTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void publicToAllPrivateOnlyToItsRecipient() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path graceStats = dir.resolve("grace.json");
        Path linStats = dir.resolve("lin.json");

        var host = CliRun.inBackground("bot", "--server", url, "--new", "--name", "Host", "--duration", "5s",
                "--stats-json", hostStats.toString());
        String meetingId = host.meetingId();
        var grace = CliRun.inBackground("bot", "--server", url, "--meeting", meetingId, "--name", "Grace",
                "--duration", "4s", "--stats-json", graceStats.toString());
        grace.awaitOutput("Joined as participant");

        CliRun lin = CliRun.of("bot", "--server", url, "--meeting", meetingId, "--name", "Lin",
                "--duration", "1s", "--chat", "hello all 👋", "--chat-to", "Grace", "only for Grace",
                "--chat-to", "Nobody", "lost", "--stats-json", linStats.toString());
        assertThat(grace.result().exitCode()).isZero();
        assertThat(host.result().exitCode()).isZero();

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
        assertThat(lin.exitCode()).as("a --chat-to naming nobody is reported but not fatal").isZero();
    }
}
