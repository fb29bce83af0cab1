package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A host bot with a waiting room admits by name; the one it does not name waits, and leaves never admitted. */
@IntegrationTest
class BotWaitingRoomTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void theHostAdmitsTheNamedBotAndTheOtherWaitsInVain() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path graceStats = dir.resolve("grace.json");
        Path linStats = dir.resolve("lin.json");

        var host = CliRun.inBackground("bot", "--server", url, "--new", "--waiting-room", "--admit", "Grace",
                "--name", "Host", "--duration", "20s", "--stats-json", hostStats.toString());
        String meetingId = host.meetingId();
        var lin = CliRun.inBackground("bot", "--server", url, "--meeting", meetingId, "--name", "Lin",
                "--duration", "20s", "--stats-json", linStats.toString());
        lin.awaitOutput("Waiting to be admitted");
        CliRun grace = CliRun.of("bot", "--server", url, "--meeting", meetingId, "--name", "Grace",
                "--duration", "1s", "--stats-json", graceStats.toString());
        assertThat(grace.out()).contains("Waiting to be admitted", "Joined as participant");
        assertThat(grace.exitCode()).isZero();
        // Lin leaves before the host: a meeting that empties lets the first one waiting in.
        CliRun linRun = lin.leaveNow().result();
        host.leaveNow();
        assertThat(host.result().exitCode()).isZero();
        assertThat(linRun.exitCode()).as("never got in").isEqualTo(1);

        ObjectMapper json = new ObjectMapper();
        JsonNode graceReport = json.readTree(graceStats.toFile());
        assertThat(graceReport.get("waited").asBoolean()).isTrue();
        assertThat(graceReport.get("admitted").asBoolean()).isTrue();
        JsonNode linReport = json.readTree(linStats.toFile());
        assertThat(linReport.get("waited").asBoolean()).isTrue();
        assertThat(linReport.get("admitted").asBoolean()).isFalse();
        assertThat(linReport.get("joined").asBoolean()).isFalse();
        JsonNode hostReport = json.readTree(hostStats.toFile());
        assertThat(hostReport.get("waited").asBoolean()).isFalse();
        assertThat(hostReport.get("admittedNames").toString()).isEqualTo("[\"Grace\"]");
    }

    @Test
    void waitingRoomWithoutNewIsAUsageError() {
        CliRun run = CliRun.of("bot", "--server", "ws://127.0.0.1:1", "--meeting", "1234567890", "--waiting-room");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--waiting-room needs --new");
    }
}
