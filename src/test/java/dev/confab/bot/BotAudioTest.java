package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external report's setup: three bots with a tone each, A creates, B joins, C joins later, and they
 * leave in the opposite order (C, then B, then A). Each bot's {@code --stats-json} must list both others,
 * heard with their own tone — also those who had already left when the report was written (A's report
 * once listed nobody, B's only A).
 */
@IntegrationTest
class BotAudioTest {
    /** Decoded packets (20 ms each) that show someone was heard: 1 s. */
    private static final int HEARD_PACKETS = 50;

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    private record Bot(String name, int toneHz, Path stats) {
    }

    @Test
    void everyBotReportsHearingBothOthersWhateverTheOrderTheyJoinedAndLeftIn() throws Exception {
        String url = servers.loopback().url().toString();
        Bot a = new Bot("A", 440, dir.resolve("a.json"));
        Bot b = new Bot("B", 560, dir.resolve("b.json"));
        Bot c = new Bot("C", 700, dir.resolve("c.json"));

        // Stays (counted from joining) are nested, so the three overlap for about 3 s and leave C, B, A; a slow
        // join of B or C (loaded machine) still leaves them several seconds together.
        var runA = CliRun.inBackground(args(url, a, "10s", "--new"));
        String meeting = runA.meetingId();
        var runB = CliRun.inBackground(args(url, b, "7s", "--meeting", meeting));
        runB.awaitOutput("Joined as participant");
        var runC = CliRun.inBackground(args(url, c, "3s", "--meeting", meeting));
        for (var run : List.of(runC, runB, runA)) {
            assertThat(run.result(Duration.ofSeconds(30)).exitCode()).as(run.output()).isZero();
        }

        Map<String, Integer> ids = new HashMap<>();
        Map<String, JsonNode> reports = new HashMap<>();
        for (Bot bot : List.of(a, b, c)) {
            JsonNode report = new ObjectMapper().readTree(bot.stats().toFile());
            ids.put(bot.name(), report.get("selfId").asInt());
            reports.put(bot.name(), report);
            // The tones below crossed the server end-to-end encrypted, and none failed to decrypt.
            assertThat(report.get("e2ee").asBoolean()).isTrue();
            assertThat(report.get("framesDecrypted").asLong()).isPositive();
            assertThat(report.get("decryptFailures").asLong()).isZero();
        }
        for (Bot listener : List.of(a, b, c)) {
            for (Bot speaker : List.of(a, b, c)) {
                if (listener != speaker) {
                    assertHeard(reports.get(listener.name()), listener, speaker, ids.get(speaker.name()));
                }
            }
        }
    }

    @Test
    void aToneThatIsNoFrequencyIsAUsageError() throws Exception {
        String url = servers.loopback().url().toString();
        CliRun run = CliRun.of("bot", "--server", url, "--new", "--audio", "sine:loud", "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--audio: 'sine:loud' is not sine:HZ");
    }

    private static void assertHeard(JsonNode report, Bot listener, Bot speaker, int speakerId) {
        JsonNode heard = null;
        for (JsonNode remote : report.get("audio").get("remotes")) {
            if (remote.get("participantId").asInt() == speakerId) {
                heard = remote;
            }
        }
        assertThat(heard).as("%s's report lists %s: %s", listener.name(), speaker.name(), report.get("audio"))
                .isNotNull();
        assertThat(heard.get("played").asLong()).as("%s heard %s", listener.name(), speaker.name())
                .isGreaterThanOrEqualTo(HEARD_PACKETS);
        assertThat(heard.get("dominantHz").asDouble()).as("%s heard %s's own tone", listener.name(), speaker.name())
                .isBetween(speaker.toneHz() - 5.0, speaker.toneHz() + 5.0);
    }

    /** @param join {@code --new}, or {@code --meeting ID} */
    private static String[] args(String url, Bot bot, String stay, String... join) {
        List<String> args = new java.util.ArrayList<>(List.of("bot", "--server", url, "--name", bot.name(),
                "--audio", "sine:" + bot.toneHz(), "--duration", stay, "--stats-json", bot.stats().toString()));
        args.addAll(List.of(join));
        return args.toArray(String[]::new);
    }
}
