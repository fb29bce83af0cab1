package dev.confab.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.effects.EllipseSegmenter;
import dev.confab.media.effects.SegmenterSource;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bot --background}: the effect runs on the bot's synthetic camera and its cost is in the stats. The person
 * segmenter is the test stand-in (a fixed ellipse): these tests are about the option and the figures, not the model.
 */
@IntegrationTest
class BotBackgroundTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    private static java.util.function.Consumer<CommandLine> segmenter(SegmenterSource source) {
        return cli -> ((BotCommand) cli.getSubcommands().get("bot").getCommandSpec().userObject()).segmenters = source;
    }

    @Test
    void theBlurredCameraIsSentAndTheStatsGiveTheEffectsCost() throws Exception {
        MeetingServer server = servers.loopback();
        Path stats = dir.resolve("bot.json");
        // The bundled model, as `confab bot --background` uses it.
        CliRun bot = CliRun.of("bot", "--server", server.url().toString(),
                "--new", "--duration", "3s", "--video", "testsrc", "--video-size", "640x360", "--fps", "15",
                "--background", "blur-strong", "--stats-json", stats.toString());

        assertThat(bot.exitCode()).as(bot.err()).isZero();
        JsonNode video = new ObjectMapper().readTree(stats.toFile()).get("video");
        assertThat(video.get("framesSent").asLong()).isGreaterThan(10);
        JsonNode effect = video.get("background");
        assertThat(effect.get("effect").asText()).isEqualTo("blur-strong");
        assertThat(effect.get("frames").asLong()).isGreaterThanOrEqualTo(video.get("framesSent").asLong() - 2);
        assertThat(effect.get("effectP50Millis").asDouble()).isPositive();
        assertThat(effect.get("effectP95Millis").asDouble()).isGreaterThanOrEqualTo(effect.get("effectP50Millis").asDouble());
        assertThat(effect.get("modelRate").asDouble()).isBetween(0.3, 1.0);
        assertThat(effect.get("modelP50Millis").asDouble()).as("the model really ran").isPositive();
    }

    @Test
    void aPictureThatIsNotOneIsAUsageErrorBeforeJoining() throws Exception {
        MeetingServer server = servers.loopback();
        Path broken = Files.writeString(dir.resolve("holiday.png"), "not a picture");
        CliRun bot = CliRun.of(segmenter(EllipseSegmenter::standard), "bot", "--server", server.url().toString(),
                "--new", "--duration", "3s", "--video", "testsrc", "--background", broken.toString());

        assertThat(bot.exitCode()).isEqualTo(2);
        assertThat(bot.err()).contains("--background").contains("holiday.png");
        assertThat(bot.out()).doesNotContain("Meeting ID");
    }

    @Test
    void withoutASegmenterTheBotSaysSoAndDoesNotJoin() throws Exception {
        MeetingServer server = servers.loopback();
        CliRun bot = CliRun.of(segmenter(() -> {
                    throw new IllegalStateException("no model here");
                }), "bot", "--server", server.url().toString(), "--new", "--duration", "3s", "--video", "testsrc",
                "--background", "blur");

        assertThat(bot.exitCode()).isEqualTo(1);
        assertThat(bot.err()).contains("background effects are not available on this computer").contains("no model here");
        assertThat(bot.out()).doesNotContain("Meeting ID");
    }
}
