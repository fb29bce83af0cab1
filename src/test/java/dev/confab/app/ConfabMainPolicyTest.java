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

    @Test
    void printEffectiveConfigNamesTheSystemPolicyAndTheAddedFileWhichCannotLiftIt() throws IOException {
        Path system = dir.resolve("system-policy.json");
        Files.writeString(system, "{ \"enforced\": { \"recordingAllowed\": false } }");
        Path mine = dir.resolve("mine.json");
        Files.writeString(mine, "{ \"enforced\": { \"recordingAllowed\": true, \"chatAllowed\": false } }");
        ConfabMain main = new ConfabMain();
        main.policySource = () -> PolicyFile.load(system, java.util.Map.of(PolicyFile.OVERRIDE_ENV, mine.toString()));
        CommandLine cmd = ConfabMain.commandLine(main);
        cmd.setOut(new PrintWriter(out, true));

        int exit = cmd.execute("--data-dir", dir.resolve("home").toString(), "--print-effective-config");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Policy file: " + system + " (system policy, loaded; in force: 1 enforced, 0 defaults)")
                .contains("Added policy file: " + mine + " (from CONFAB_POLICY_FILE, loaded")
                .containsPattern("recordingAllowed\\s+false\\s+ENFORCED")
                .containsPattern("chatAllowed\\s+false\\s+ENFORCED")
                .contains("enforced.recordingAllowed ignored: the system policy");
    }

    @Test
    void confabServerMayNotListenForOthersWhenHostingIsNotAllowed() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ \"enforced\": { \"allowThisComputerHosting\": false } }");

        int exit = confab(policy).execute("--data-dir", dir.resolve("home").toString(), "server", "--port", "0");

        assertThat(exit).isEqualTo(ConfabMain.POLICY_REFUSED);
        assertThat(err.toString()).contains("confab server: your administrator does not allow hosting meetings",
                "--bind 127.0.0.1");
    }

    @Test
    void aLinkEmulatorMayNotListenForOthersWhenHostingIsNotAllowed() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ \"enforced\": { \"allowThisComputerHosting\": false } }");

        int exit = confab(policy).execute("--data-dir", dir.resolve("home").toString(), "link", "--listen", "0",
                "--bind", "0.0.0.0", "--to", "127.0.0.1:1", "--spec", "delay=10ms");

        assertThat(exit).isEqualTo(ConfabMain.POLICY_REFUSED);
        assertThat(err.toString()).contains("confab link: your administrator does not allow hosting meetings");
    }

    @Test
    void aServerOnlyThisComputerCanReachIsNotHostingForOthers() {
        var closed = dev.confab.policy.EffectiveConfig.merge(new dev.confab.policy.Policy(dir.resolve("p.json"),
                dev.confab.policy.Policy.Status.LOADED,
                java.util.Map.of(dev.confab.policy.PolicyKey.ALLOW_THIS_COMPUTER_HOSTING, false), java.util.Map.of(),
                java.util.List.of()), java.util.Map.of());

        assertThat(CommandPolicy.refuseServer(closed, "127.0.0.1")).isEmpty();
        assertThat(CommandPolicy.refuseServer(closed, "::1")).isEmpty();
        assertThat(CommandPolicy.refuseServer(closed, "localhost")).isEmpty();
        assertThat(CommandPolicy.refuseServer(closed, "0.0.0.0")).isPresent();
        assertThat(CommandPolicy.refuseServer(closed, "192.0.2.2")).isPresent();
        assertThat(CommandPolicy.refuseServer(closed, "127.0.0.1.example.org")).isPresent();
    }

    @Test
    void aBotMayOnlyJoinTheEnforcedServer() throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ \"enforced\": { \"serverUrl\": \"wss://meet.example.org\" } }");

        int exit = confab(policy).execute("--data-dir", dir.resolve("home").toString(), "bot",
                "--server", "wss://other.example.net:47100", "--meeting", "1234567890");

        assertThat(exit).isEqualTo(ConfabMain.POLICY_REFUSED);
        assertThat(err.toString()).contains("confab bot: your administrator allows meetings only on wss://meet.example.org");
    }

    /** The installers validate a new policy with --check-policy: the file on its own, whatever policy is in force. */
    @Test
    void checkPolicyReportsTheFileAloneWithItsWarnings() throws IOException {
        Path system = dir.resolve("system-policy.json");
        Files.writeString(system, "{ \"enforced\": { \"recordingAllowed\": false } }");
        Path next = dir.resolve("next.json");
        Files.writeString(next, "{ \"enforced\": { \"recordingAllowed\": true, \"ChatAllowed\": false } }");

        int exit = confab(system).execute("--check-policy", next.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("Checking policy file: " + next + " (loaded; only checked, not in force)")
                .containsPattern("recordingAllowed\\s+true\\s+ENFORCED")
                .contains("Warnings:", "unknown key enforced.ChatAllowed");
    }
}
