package dev.confab.app;

import dev.confab.i18n.PrivacyNotice;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM (a logout, {@code kill}) in the middle of a meeting: the desktop app leaves the meeting and closes in
 * order, as closing its window would, and exits normally, instead of dying around running threads (which printed a
 * RejectedExecutionException on a real desktop). Runs the app headless in a JVM of its own.
 */
@IntegrationTest
class TerminateProcessTest {

    @TempDir
    Path dir;

    @Test
    void aTerminatedAppLeavesItsMeetingAndExitsWithoutErrors() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("config"));
        // Consent given before, so the demo meeting starts at once; diagnostic logs turned on, so the log file is kept.
        Files.writeString(home.resolve("config/consent.json"), "{\"policyVersion\":" + PrivacyNotice.VERSION
                + ",\"agreedAt\":\"2026-11-23T10:15:30Z\",\"language\":\"en\"}");
        Files.writeString(home.resolve("config/privacy.json"), "{\"keepMeetingHistory\":true,\"publicComputerMode\":false,"
                + "\"permissions\":{\"DIAGNOSTICS\":\"GRANTED\"}}");
        Path output = dir.resolve("output.txt");
        ProcessBuilder pb = ConfabProcess.builder(ConfabProcess.HEADLESS, "--demo").redirectOutput(output.toFile());
        pb.environment().put("CONFAB_HOME", home.toString());
        Process app = pb.start();
        Path log = home.resolve("logs/confab.log");
        try {
            // The user and the demo's three participants are in the meeting.
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(log)
                    && Files.readString(log).lines().filter(l -> l.contains("event=participant_joined")).count() >= 4);

            app.destroy(); // SIGTERM on Unix

            assertThat(app.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(app.exitValue()).as("a normal exit, not the JVM killed around the app (143)").isZero();
        } finally {
            app.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("Terminated by a signal: closing Confab");
        assertThat(Files.readString(output, StandardCharsets.UTF_8))
                .contains("confab: closed on a termination signal (meeting left, files closed)")
                .doesNotContain("Exception");
    }
}
