package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.MediaFrame;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class BotCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void twoBotsMeetChatAndReportWhatTheySaw() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path guestStats = dir.resolve("guest.json");

        var host = CliRun.inBackground("bot", "--server", url, "--new",
                "--name", "HostBot", "--passcode", "pw", "--duration", "4s", "--stats-json", hostStats.toString());
        String meetingId = host.meetingId();

        CliRun guest = CliRun.of("bot", "--server", url, "--meeting", meetingId, "--passcode", "pw",
                "--name", "GuestBot", "--duration", "500ms", "--chat", "hello from the bot",
                "--stats-json", guestStats.toString());
        assertThat(guest.exitCode()).isZero();
        assertThat(host.result().exitCode()).isZero();

        JsonNode hostReport = new ObjectMapper().readTree(hostStats.toFile());
        assertThat(hostReport.get("meetingId").asText()).isEqualTo(meetingId);
        assertThat(hostReport.get("rosterSeen").findValuesAsText("displayName")).containsExactly("HostBot", "GuestBot");
        assertThat(hostReport.get("messagesReceived").get(0).get("text").asText()).isEqualTo("hello from the bot");
        assertThat(hostReport.get("eventsReceived").get("participantLeft").asInt()).isEqualTo(1);
        assertThat(hostReport.get("errors")).isEmpty();

        JsonNode guestReport = new ObjectMapper().readTree(guestStats.toFile());
        assertThat(guestReport.get("chatSent").asInt()).isEqualTo(1);
        assertThat(guestReport.get("endReason").asText()).isEqualTo("LEFT");
    }

    @Test
    void joinFailureIsReportedInStatsAndExitCode() throws Exception {
        MeetingServer server = servers.loopback();
        Path stats = dir.resolve("stats.json");
        CliRun run = CliRun.of("bot", "--server", server.url().toString(), "--meeting", "1234567890",
                "--duration", "1s", "--stats-json", stats.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("MEETING_NOT_FOUND");
        JsonNode report = new ObjectMapper().readTree(stats.toFile());
        assertThat(report.get("joined").asBoolean()).isFalse();
        assertThat(report.get("failureCode").asText()).isEqualTo("MEETING_NOT_FOUND");
        assertThat(report.get("errors")).isNotEmpty();
    }

    @Test
    void botTrustsAServerByFingerprint() throws Exception {
        MeetingServer server = servers.start(new ServerConfig().bindAddress("127.0.0.1").port(0).dataDir(dir.resolve("srv")));
        String url = server.url().toString();
        CliRun untrusted = CliRun.of("bot", "--server", url, "--new", "--duration", "200ms");
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).contains("CERTIFICATE_UNTRUSTED");

        CliRun pinned = CliRun.of("bot", "--server", url, "--new", "--duration", "200ms",
                "--trust-fingerprint", server.fingerprint().replace(":", "").toLowerCase());
        assertThat(pinned.exitCode()).isZero();
        assertThat(pinned.out()).containsPattern("Meeting ID: \\d{10}");
    }

    @Test
    void botsSendAndReceiveAudioAndReportItsQuality() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path toneStats = dir.resolve("tone.json");
        Path listenerStats = dir.resolve("listener.json");
        var tone = CliRun.inBackground("bot", "--server", url, "--new",
                "--audio", "sine", "--duration", "60s", "--stats-json", toneStats.toString());

        CliRun listener = CliRun.of("bot", "--server", url, "--meeting", tone.meetingId(), "--audio", "none",
                "--duration", "2s", "--stats-json", listenerStats.toString());
        assertThat(listener.exitCode()).isZero();
        assertThat(listener.out()).containsPattern("Audio: sent 0, received \\d+, lost \\d+, concealed");
        assertThat(tone.leaveNow().result().exitCode()).isZero(); // the listener has been and gone

        JsonNode heard = new ObjectMapper().readTree(listenerStats.toFile()).get("audio");
        assertThat(heard.get("packetsReceived").asLong()).isGreaterThan(50);
        assertThat(heard.get("remotes").get(0).get("dominantHz").asDouble()).isBetween(435.0, 445.0);
        assertThat(heard.get("latencyP95Millis").asDouble()).isPositive();
        JsonNode sent = new ObjectMapper().readTree(toneStats.toFile()).get("audio");
        assertThat(sent.get("source").asText()).isEqualTo("sine");
        assertThat(sent.get("packetsSent").asLong()).isGreaterThan(heard.get("packetsReceived").asLong());
    }

    @Test
    void aMissingAudioFileIsAUsageError() throws Exception {
        MeetingServer server = servers.loopback();
        CliRun run = CliRun.of("bot", "--server", server.url().toString(), "--new",
                "--audio", dir.resolve("missing.ogg").toString(), "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--audio: No audio file at");
    }

    @Test
    void aBotObeysTheHostsMuteRequestAndStopsSending() throws Exception {
        MeetingServer server = servers.loopback();
        var hostRoster = new AtomicReference<Roster>();
        var audioFrames = new AtomicInteger();
        MeetingListener hostListener = new MeetingListener() {
            @Override
            public void onRosterChanged(Roster roster) {
                hostRoster.set(roster);
            }

            @Override
            public void onMedia(MediaFrame frame) {
                audioFrames.incrementAndGet();
            }
        };
        try (var host = new MeetingSession(SessionOptions.of(server.url(), "Host",
                ServerTrust.systemOnly()), hostListener)) {
            host.createMeeting(null);
            await().atMost(Duration.ofSeconds(10)).until(() -> host.state() instanceof SessionState.InMeeting);
            String meetingId = ((SessionState.InMeeting) host.state()).meetingId();
            Path stats = dir.resolve("bot.json");
            var bot = CliRun.inBackground("bot", "--server",
                    server.url().toString(), "--meeting", meetingId, "--audio", "sine", "--duration", "3s",
                    "--stats-json", stats.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> audioFrames.get() > 10);
            int botId = hostRoster.get().participants().stream().filter(p -> !p.displayName().equals("Host"))
                    .findFirst().orElseThrow().id();

            host.askToMute(botId);
            await().atMost(Duration.ofSeconds(5)).until(() -> hostRoster.get().find(botId).orElseThrow().muted());
            int framesWhenMuted = audioFrames.get();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> audioFrames.get() <= framesWhenMuted + 1);

            assertThat(bot.result().exitCode()).isZero();
            JsonNode audio = new ObjectMapper().readTree(stats.toFile()).get("audio");
            assertThat(audio.get("mutedByHost").asBoolean()).isTrue();
        }
    }

    @Test
    void meetingOrNewIsRequired() {
        CliRun run = CliRun.of("bot", "--server", "ws://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--meeting ID or --new");
    }
}
