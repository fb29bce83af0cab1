package dev.confab.app;

import dev.confab.policy.PolicyFile;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ConfabMainPolicyTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine confab(Path policyFile) {
        ConfabMain main = new ConfabMain();
        main.policySource = () -> PolicyFile.load(policyFile);
        CommandLine cmd = ConfabMain.commandLine(main);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    @Test
    void printEffectiveConfigShowsEachValueWithItsSourceAndThePolicyWarnings() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, """
                { "enforced": { "serverUrl": "wss://meet.example.org", "recordingAllowed": false,
                                "chatAllowed": "sometimes" },
                  "defaults": { "defaultLanguage": "zh-CN", "screenShareAllowed": false } }
                """);
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), """
                { "schemaVersion": 1, "language": "en", "server": "wss://other.example.org",
                  "displayName": "Ada", "recordingAllowed": true }
                """);

        int exit = confab(policy).execute("--data-dir", home.toString(), "--print-effective-config");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Policy file: " + policy + " (system policy, loaded; in force: 2 enforced, 2 defaults)")
                .containsPattern("serverUrl\\s+wss://meet.example.org\\s+ENFORCED")
                .containsPattern("recordingAllowed\\s+false\\s+ENFORCED")
                .containsPattern("screenShareAllowed\\s+false\\s+POLICY_DEFAULT")
                .containsPattern("defaultLanguage\\s+en\\s+USER")
                .containsPattern("publicComputerMode\\s+false\\s+BUILT_IN")
                .containsPattern("chatAllowed\\s+true\\s+BUILT_IN")
                .contains("Warnings:")
                .contains("enforced.chatAllowed: expected true or false, got \"sometimes\"; key ignored");
    }

    @Test
    void theUsersOwnServerAndPublicModeBeatThePolicyPresetsButNotTheEnforcedLanguage() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, """
                { "enforced": { "defaultLanguage": "zh-CN", "updateCheck": false },
                  "defaults": { "serverUrl": "wss://meet.example.org", "publicComputerMode": false } }
                """);
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), """
                { "schemaVersion": 1, "language": "en", "server": "wss://mine.example.net:8443" }
                """);
        Files.writeString(home.resolve("config/privacy.json"), """
                { "keepMeetingHistory": true, "publicComputerMode": true }
                """);

        int exit = confab(policy).execute("--data-dir", home.toString(), "--print-effective-config");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("serverUrl\\s+wss://mine.example.net:8443\\s+USER")
                .containsPattern("publicComputerMode\\s+true\\s+USER")
                .containsPattern("defaultLanguage\\s+zh-CN\\s+ENFORCED")
                .containsPattern("updateCheck\\s+false\\s+ENFORCED")
                .containsPattern("allowThisComputerHosting\\s+true\\s+BUILT_IN")
                .doesNotContain("Warnings:");
    }

    @Test
    void aBrokenPolicyFileStillPrintsTheConfigAndSaysTheFileWasIgnored() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ enforced: ");

        int exit = confab(policy).execute("--data-dir", dir.resolve("home").toString(), "--print-effective-config");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("IGNORED: see warnings)")
                .containsPattern("serverUrl\\s+this-computer\\s+BUILT_IN")
                .contains("is not valid JSON");
    }

    @Test
    void aJoinLinkArgumentIsValidatedForTheLobby() {
        ConfabMain main = new ConfabMain();
        CommandLine cmd = ConfabMain.commandLine(main);
        cmd.setErr(new PrintWriter(err, true));
        cmd.parseArgs("--data-dir", dir.toString(), "confab://join?meeting=123+456+7890");

        main.acceptLink();

        assertThat(main.pendingJoin).hasValueSatisfying(link -> assertThat(link.meetingId()).isEqualTo("1234567890"));
        assertThat(main.pendingJoinError).isEmpty();
    }

    @Test
    void aBadJoinLinkIsReportedWithoutStoppingTheApp() {
        ConfabMain main = new ConfabMain();
        CommandLine cmd = ConfabMain.commandLine(main);
        cmd.setErr(new PrintWriter(err, true));
        cmd.parseArgs("confab://join?meeting=1234567890&server=ws://plain.example");

        main.acceptLink();

        assertThat(main.pendingJoin).isEmpty();
        assertThat(main.pendingJoinError).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("wss://"));
        assertThat(err.toString()).contains("ignoring the link");
    }
}
