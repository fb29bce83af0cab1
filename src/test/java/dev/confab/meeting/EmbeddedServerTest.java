package dev.confab.meeting;

import dev.confab.server.EmbeddedServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class EmbeddedServerTest {

    @Test
    void thisComputerHostsAMeetingOverTlsThatItsOwnClientTrusts(@TempDir Path dataDir) throws Exception {
        try (EmbeddedServer local = EmbeddedServer.start(dataDir.resolve("server"), false)) {
            assertThat(local.localUrl().toString()).startsWith("wss://127.0.0.1:");
            assertThat(local.networkUrls()).as("loopback only: nothing to share").isEmpty();
            Recorder events = new Recorder();
            try (var session = new MeetingSession(SessionOptions.of(local.localUrl(), "Me",
                    ServerTrust.pinned(local.fingerprint())), events)) {
                session.createMeeting(null);
                await().atMost(Duration.ofSeconds(10)).until(events::inMeeting);
                assertThat(session.roster().selfIsHost()).isTrue();
            }
        }
    }
}
