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

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bots send files to a real loopback server: a 20 MB file reaches the others intact while a camera they watch
 * keeps its frame rate (their downlinks carry both; the file goes after the video), and a private file reaches its one recipient and not the third person.
 */
@IntegrationTest
class BotFilesTest {

    private static final int FPS = 15;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void twentyMegabytesReachTwoRecipientsIntactWhileTheSendersVideoKeepsItsFrameRate() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path file = dir.resolve("quarterly figures.bin");
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(25).nextBytes(content);
        Files.write(file, content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        // Ada's camera runs through the whole test; Bo sends the file to everyone in the middle of it.
        var grace = CliRun.inBackground(bot(url, "Grace", "--new", "--duration", "12s"));
        String meetingId = grace.meetingId();
        var lin = CliRun.inBackground(bot(url, "Lin", "--meeting", meetingId, "--duration", "11s"));
        var ada = CliRun.inBackground(bot(url, "Ada", "--meeting", meetingId, "--duration", "10s", "--video", "testsrc",
                "--video-size", "320x180", "--fps", String.valueOf(FPS)));
        lin.awaitOutput("Joined as participant");
        ada.awaitOutput("Joined as participant");
        CliRun bo = CliRun.of(bot(url, "Bo", "--meeting", meetingId, "--duration", "1s", "--send-file", file.toString()));
        assertThat(bo.exitCode()).as(bo.err()).isZero();
        assertThat(ada.result(Duration.ofSeconds(60)).exitCode()).isZero();
        assertThat(grace.result(Duration.ofSeconds(60)).exitCode()).isZero();
        assertThat(lin.result(Duration.ofSeconds(60)).exitCode()).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode boReport = json.readTree(dir.resolve("bo.json").toFile());
        assertThat(boReport.get("filesSent").findValuesAsText("name")).containsExactly("quarterly figures.bin");
        int adaId = json.readTree(dir.resolve("ada.json").toFile()).get("selfId").asInt();
        for (String who : List.of("grace", "lin")) {
            JsonNode report = json.readTree(dir.resolve(who + ".json").toFile());
            JsonNode received = report.get("filesReceived");
            assertThat(received).hasSize(1);
            assertThat(received.get(0).get("name").asText()).isEqualTo("quarterly figures.bin");
            assertThat(received.get(0).get("size").asLong()).isEqualTo(content.length);
            assertThat(received.get(0).get("sha256").asText()).isEqualTo(sha256);
            assertThat(received.get(0).get("fromName").asText()).isEqualTo("Bo");
            Path saved = Path.of(received.get(0).get("savedAs").asText());
            assertThat(saved).startsWith(dir.resolve(who));
            assertThat(Files.readAllBytes(saved)).isEqualTo(content);

            List<Double> fps = camerasFramesPerSecond(report, adaId);
            assertThat(fps).as(who + " saw Ada's camera before, while and after the file passed")
                    .hasSizeGreaterThanOrEqualTo(5);
            double mean = fps.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            assertThat(mean).as(who + ": Ada's camera, pictures per second each second " + fps)
                    .isGreaterThanOrEqualTo(FPS * 0.7);
            assertThat(fps).as(who + ": no second short of a good part of Ada's pictures (all bots share the machine's cores)").allMatch(f -> f >= FPS * 0.4);
            System.out.printf("BotFilesTest: %s saw Ada's %d fps camera at %s per second while Bo's 20 MiB passed "
                    + "(Bo's whole visit %d ms)%n", who, FPS, fps, boReport.get("durationMillis").asLong());
        }
    }

    @Test
    void aPrivateFileReachesItsRecipientOnly() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path file = dir.resolve("for-grace.txt");
        Files.writeString(file, "only for Grace");

        var grace = CliRun.inBackground(bot(url, "Grace", "--new", "--duration", "60s"));
        String meetingId = grace.meetingId();
        var lin = CliRun.inBackground(bot(url, "Lin", "--meeting", meetingId, "--duration", "60s"));
        lin.awaitOutput("Joined as participant");
        CliRun ada = CliRun.of(bot(url, "Ada", "--meeting", meetingId, "--duration", "1s",
                "--send-file-to", "Grace", file.toString(), "--send-file-to", "Nobody", file.toString()));
        assertThat(ada.exitCode()).isZero();
        assertThat(grace.leaveNow().result().exitCode()).isZero();
        assertThat(lin.leaveNow().result().exitCode()).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode graceFiles = json.readTree(dir.resolve("grace.json").toFile()).get("filesReceived");
        assertThat(graceFiles.findValuesAsText("name")).containsExactly("for-grace.txt");
        assertThat(graceFiles.get(0).get("private").asBoolean()).isTrue();
        assertThat(Files.readString(Path.of(graceFiles.get(0).get("savedAs").asText()))).isEqualTo("only for Grace");
        assertThat(json.readTree(dir.resolve("lin.json").toFile()).get("filesReceived")).isEmpty();
        assertThat(dir.resolve("lin").resolve("received-files")).doesNotExist();
        assertThat(json.readTree(dir.resolve("ada.json").toFile()).get("errors").toString())
                .contains("no participant named 'Nobody'");
    }

    /**
     * The arguments of a bot called {@code name} with its own data folder ({@code dir/<name>}) and stats file
     * ({@code dir/<name>.json}), then {@code more}.
     */
    private String[] bot(String url, String name, String... more) {
        String id = name.toLowerCase(java.util.Locale.ROOT);
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve(id).toString(), "bot", "--server", url,
                "--name", name, "--stats-json", dir.resolve(id + ".json").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The decoded pictures per second of {@code senderId}'s camera in each whole second the receiver saw it. */
    private static List<Double> camerasFramesPerSecond(JsonNode report, int senderId) {
        List<Double> fps = new ArrayList<>();
        for (JsonNode second : report.get("timeline")) {
            for (JsonNode remote : second.get("remotes")) {
                if (remote.get("participantId").asInt() == senderId && remote.get("fps").asDouble() > 0) {
                    fps.add(remote.get("fps").asDouble());
                }
            }
        }
        // The first second with pictures is partial (it starts at a keyframe), so is the last (the sender leaves).
        return fps.size() <= 2 ? List.of() : fps.subList(1, fps.size() - 1);
    }
}
