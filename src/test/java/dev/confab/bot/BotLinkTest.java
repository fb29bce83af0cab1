package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bot --link}: the emulator sits in the bot's path to a real TLS server, and the bot notices. */
@IntegrationTest
class BotLinkTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void aBotBehindA300KbitDownlinkReceivesVideoAtMost300KbitWhileTheOtherReceivesMore() throws Exception {
        MeetingServer server = tlsServer();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path guestStats = dir.resolve("guest.json");
        var host = CliRun.inBackground("bot", "--server", url, "--trust-fingerprint", server.fingerprint(), "--new",
                "--duration", "8s", "--video", "testsrc", "--video-size", "640x360", "--fps", "15",
                "--stats-json", hostStats.toString());

        CliRun guest = CliRun.of("bot", "--server", url, "--trust-fingerprint", server.fingerprint(),
                "--meeting", host.meetingId(), "--link", "down 300kbit", "--duration", "6s", "--video", "testsrc",
                "--video-size", "640x360", "--fps", "15", "--stats-json", guestStats.toString());

        assertThat(guest.exitCode()).as(guest.err()).isZero();
        assertThat(guest.out()).contains("Link emulator on port").contains("always: rate 300 kbit/s down");
        assertThat(host.result(Duration.ofSeconds(20)).exitCode()).isZero();
        double behindLink = remote(guestStats).get("receivedKbitPerSecond").asDouble();
        // the host stayed longer than the guest was there to send: its rate counts over the guest's 6 s only
        double direct = remote(hostStats).get("kilobytesReceived").asLong() * 1024 * 8 / 1000.0 / 6;
        System.out.printf("video received: %.0f kbit/s behind down 300kbit, %.0f kbit/s direct%n", behindLink, direct);
        assertThat(behindLink).as("kbit/s received behind the link").isPositive().isLessThanOrEqualTo(300);
        assertThat(direct).as("kbit/s received without a link").isGreaterThan(300 * 1.2);

        // The per-second timeline: the guest's view of the host, second by second, in the meeting throughout.
        JsonNode timeline = new ObjectMapper().readTree(guestStats.toFile()).get("timeline");
        assertThat(timeline.size()).as("seconds sampled in a 6 s stay").isBetween(4, 7);
        for (JsonNode second : timeline) {
            assertThat(second.get("state").asText()).isEqualTo("InMeeting");
            assertThat(second.get("atSeconds").asDouble()).isPositive();
        }
        JsonNode lastSecond = timeline.get(timeline.size() - 1);
        JsonNode hostSeen = lastSecond.get("remotes").get(0);
        System.out.println("guest's last second: " + lastSecond);
        assertThat(hostSeen.get("picture").asText()).matches("\\d+x\\d+");
        assertThat(hostSeen.get("fps").asDouble()).as("pictures in the last second").isPositive();
        assertThat(hostSeen.get("kbps").asDouble()).as("kbit/s in the last second").isPositive().isLessThanOrEqualTo(330);
        assertThat(lastSecond.get("downlinkEstimateKbps").asInt()).as("the guest found its link's limit")
                .isBetween(1, 330);
    }

    @Test
    void throughTheLinkTheBotStillChecksTheRealServersCertificate() throws Exception {
        MeetingServer server = tlsServer();
        String wrong = "00:" + server.fingerprint().substring(3);

        CliRun bot = CliRun.of("bot", "--server", server.url().toString(), "--trust-fingerprint", wrong, "--new",
                "--link", "rtt 20ms", "--duration", "1s");

        assertThat(bot.exitCode()).isEqualTo(1);
        assertThat(bot.err()).containsIgnoringCase("certificate");
    }

    @Test
    void aBadLinkSpecIsAUsageErrorThatSaysWhatWasExpected() {
        CliRun bot = CliRun.of("bot", "--server", "ws://127.0.0.1:1", "--new", "--link", "down 300kbt");

        assertThat(bot.exitCode()).isEqualTo(2);
        assertThat(bot.err()).contains("--link: Bad link spec at \"down 300kbt\"").contains("600kbit, 1.5mbit or 2mbps");
    }

    private MeetingServer tlsServer() throws Exception {
        return servers.start(new ServerConfig().bindAddress("127.0.0.1").port(0).dataDir(dir.resolve("server")));
    }

    private static JsonNode remote(Path stats) throws Exception {
        JsonNode remotes = new ObjectMapper().readTree(stats.toFile()).get("video").get("remotes");
        assertThat(remotes).hasSize(1);
        return remotes.get(0);
    }
}
