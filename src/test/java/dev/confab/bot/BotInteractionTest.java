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

/** {@code --raise-hand}, {@code --react}, {@code --poll} and {@code --vote}, checked from the stats JSON. */
@IntegrationTest
class BotInteractionTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void aHostBotPollsAGuestBotVotesRaisesItsHandAndReacts() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        Path hostStats = dir.resolve("host.json");
        Path guestStats = dir.resolve("guest.json");

        var host = CliRun.inBackground("bot", "--server", url, "--new", "--name", "HostBot", "--raise-hand",
                // The poll runs from the host's join: long enough for the guest's JVM to start on a loaded machine.
                "--poll", "Lunch?|Noodles|Dumplings", "--poll-seconds", "10", "--duration", "12s",
                "--stats-json", hostStats.toString());
        String meetingId = host.meetingId();
        CliRun guest = CliRun.of("bot", "--server", url, "--meeting", meetingId, "--name", "GuestBot",
                "--raise-hand", "--react", "👏", "--vote", "2", "--duration", "1500ms", "--stats-json", guestStats.toString());
        assertThat(guest.exitCode()).as(guest.err()).isZero();
        assertThat(host.result().exitCode()).isZero();

        JsonNode hostReport = new ObjectMapper().readTree(hostStats.toFile());
        assertThat(hostReport.get("errors")).isEmpty();
        assertThat(texts(hostReport.get("handsSeen"))).containsExactlyInAnyOrder("HostBot", "GuestBot");
        assertThat(hostReport.get("reactionsSeen").get(0).get("fromName").asText()).isEqualTo("GuestBot");
        assertThat(hostReport.get("reactionsSeen").get(0).get("emoji").asText()).isEqualTo("👏");
        JsonNode poll = hostReport.get("pollResults");
        assertThat(poll.get("question").asText()).isEqualTo("Lunch?");
        assertThat(poll.get("open").asBoolean()).as("ended after --poll-seconds").isFalse();
        assertThat(poll.get("choices").get(0).get("count").asInt()).isZero();
        assertThat(poll.get("choices").get(1).get("count").asInt()).isEqualTo(1);
        assertThat(texts(poll.get("choices").get(1).get("voters"))).containsExactly("GuestBot");

        JsonNode guestReport = new ObjectMapper().readTree(guestStats.toFile());
        assertThat(guestReport.get("pollResults").get("ownVote").get(0).asInt()).isEqualTo(1);
        assertThat(guestReport.get("pollResults").get("choices").isNull()).as("only moderators see votes").isTrue();
    }

    @Test
    void anUnknownReactionOrABadPollIsAUsageError() {
        CliRun react = CliRun.of("bot", "--server", "ws://127.0.0.1:9", "--new", "--react", "banana");
        assertThat(react.exitCode()).isEqualTo(2);
        assertThat(react.err()).contains("--react must be one of");
        CliRun poll = CliRun.of("bot", "--server", "ws://127.0.0.1:9", "--new", "--poll", "Only a question");
        assertThat(poll.exitCode()).isEqualTo(2);
        assertThat(poll.err()).contains("--poll", "choices");
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
