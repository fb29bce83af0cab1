package dev.confab.policy;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16: the system policy cannot be lifted by the user. {@code CONFAB_POLICY_FILE} only adds a file on top
 * of it; whatever it points at, the system policy's enforced keys stay as the administrator set them. The
 * system file is a temporary file here, handed in as {@code main()} hands in the real one.
 */
@UnitTest
class PolicyLayeringTest {

    @TempDir
    Path dir;

    private Path system;

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private Path lockedDownSystem() throws IOException {
        system = write("system-policy.json", """
                { "enforced": { "serverUrl": "wss://meet.example.org", "allowThisComputerHosting": false,
                                "recordingAllowed": false },
                  "defaults": { "defaultLanguage": "zh-CN" } }
                """);
        return system;
    }

    private static Map<String, String> env(String policyFile) {
        return Map.of(PolicyFile.OVERRIDE_ENV, policyFile);
    }

    private static EffectiveConfig config(Policy policy) {
        return EffectiveConfig.merge(policy, Map.of());
    }

    private void assertSystemPolicyInForce(Policy policy) {
        EffectiveConfig config = config(policy);
        assertThat(config.isLocked(PolicyKey.SERVER_URL)).isTrue();
        assertThat(config.server()).isEqualTo(ServerAddress.parse("wss://meet.example.org"));
        assertThat(config.isLocked(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)).isTrue();
        assertThat(config.isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)).isFalse();
        assertThat(config.isLocked(PolicyKey.RECORDING_ALLOWED)).isTrue();
        assertThat(config.isEnabled(PolicyKey.RECORDING_ALLOWED)).isFalse();
        assertThat(policy.system().file()).isEqualTo(system);
        assertThat(policy.system().status()).isEqualTo(Policy.Status.LOADED);
    }

    @Test
    void anOverrideToANonexistentFileLiftsNothing() throws IOException {
        Policy policy = PolicyFile.load(lockedDownSystem(), env(dir.resolve("nonexistent.json").toString()));

        assertSystemPolicyInForce(policy);
        assertThat(policy.added()).singleElement()
                .satisfies(added -> assertThat(added.status()).isEqualTo(Policy.Status.ABSENT));
    }

    @Test
    void anOverrideToDevNullLiftsNothing() throws IOException {
        Policy policy = PolicyFile.load(lockedDownSystem(), env("/dev/null"));

        assertSystemPolicyInForce(policy);
        assertThat(policy.added()).singleElement()
                .satisfies(added -> assertThat(added.status()).isEqualTo(Policy.Status.UNREADABLE));
    }

    @Test
    void anEmptyOrBrokenOverrideLiftsNothing() throws IOException {
        lockedDownSystem();
        assertSystemPolicyInForce(PolicyFile.load(system, env(write("empty.json", "").toString())));
        assertSystemPolicyInForce(PolicyFile.load(system, env(write("broken.json", "{ enforced: ").toString())));
        assertSystemPolicyInForce(PolicyFile.load(system, env(write("nothing.json", "{}").toString())));
        assertSystemPolicyInForce(PolicyFile.load(system, env(dir.toString()))); // a folder
    }

    @Test
    void aUsersOwnFileCannotUnEnforceOrChangeAnEnforcedKey() throws IOException {
        Path mine = write("mine.json", """
                { "enforced": { "serverUrl": "this-computer", "allowThisComputerHosting": true,
                                "recordingAllowed": true },
                  "defaults": { "serverUrl": "wss://other.example.net", "recordingAllowed": true,
                                "allowThisComputerHosting": true } }
                """);

        Policy policy = PolicyFile.load(lockedDownSystem(), env(mine.toString()));

        assertSystemPolicyInForce(policy);
        assertThat(policy.defaults()).doesNotContainKeys(PolicyKey.SERVER_URL, PolicyKey.RECORDING_ALLOWED,
                PolicyKey.ALLOW_THIS_COMPUTER_HOSTING);
        assertThat(policy.warnings()).anySatisfy(w -> assertThat(w)
                .contains(mine.toString(), "enforced.serverUrl ignored", "the system policy"));
        // A user setting cannot beat it either.
        EffectiveConfig config = EffectiveConfig.merge(policy, Map.of(PolicyKey.SERVER_URL, "this-computer",
                PolicyKey.RECORDING_ALLOWED, true));
        assertThat(config.server()).isEqualTo(ServerAddress.parse("wss://meet.example.org"));
        assertThat(config.isEnabled(PolicyKey.RECORDING_ALLOWED)).isFalse();
    }

    @Test
    void anAddedFileStillAddsEnforcedKeysAndDefaultsTheSystemPolicyLeavesOpen() throws IOException {
        Path trial = write("trial.json", """
                { "enforced": { "chatAllowed": false, "defaultLanguage": "en" },
                  "defaults": { "screenShareAllowed": false } }
                """);

        Policy policy = PolicyFile.load(lockedDownSystem(), env(trial.toString()));

        assertSystemPolicyInForce(policy);
        EffectiveConfig config = config(policy);
        assertThat(config.isLocked(PolicyKey.CHAT_ALLOWED)).isTrue();
        assertThat(config.isEnabled(PolicyKey.CHAT_ALLOWED)).isFalse();
        assertThat(config.language()).as("enforcing beats the system's default").isEqualTo("en");
        assertThat(config.isLocked(PolicyKey.DEFAULT_LANGUAGE)).isTrue();
        assertThat(config.source(PolicyKey.SCREEN_SHARE_ALLOWED)).isEqualTo(ValueSource.POLICY_DEFAULT);
        assertThat(policy.sources()).extracting(Policy::file).containsExactly(system, trial);
    }

    @Test
    void withoutASystemPolicyTheAddedFileIsThePolicyAsBefore() throws IOException {
        Path trial = write("trial.json", "{ \"enforced\": { \"allowThisComputerHosting\": false } }");

        Policy policy = PolicyFile.load(dir.resolve("no-system-policy.json"), env(trial.toString()));

        assertThat(policy.system().status()).isEqualTo(Policy.Status.ABSENT);
        assertThat(config(policy).isLocked(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)).isTrue();
        assertThat(config(policy).isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)).isFalse();
    }

    @Test
    void homeXdgAndProgramDataDoNotMoveTheSystemPolicy() {
        Map<String, String> hostile = new HashMap<>();
        hostile.put("HOME", dir.toString());
        hostile.put("XDG_CONFIG_HOME", dir.toString());
        hostile.put("XDG_CONFIG_DIRS", dir.toString());
        hostile.put("XDG_DATA_DIRS", dir.toString());
        hostile.put("CONFAB_HOME", dir.toString());
        hostile.put("ProgramData", dir.toString());
        hostile.put("PROGRAMDATA", dir.toString());
        hostile.put("ALLUSERSPROFILE", dir.toString());
        hostile.put("APPDATA", dir.toString());
        for (String os : new String[]{"Linux", "Mac OS X", "Windows 11"}) {
            Path fixed = PolicyFile.machinePath(os);
            assertThat(fixed.toString()).doesNotContain(dir.toString());
        }
        assertThat(PolicyFile.machinePath("Linux")).isEqualTo(Path.of("/etc/confab/policy.json"));
        assertThat(PolicyFile.machinePath("Mac OS X")).isEqualTo(Path.of("/Library/Application Support/Confab/policy.json"));
        // The environment can only add a file, and these variables add none.
        assertThat(PolicyFile.addedFile(hostile)).isEmpty();
    }

    @Test
    void anOverrideNamingTheSystemFileItselfReadsItOnce() throws IOException {
        Policy policy = PolicyFile.load(lockedDownSystem(), env(system.toString()));

        assertSystemPolicyInForce(policy);
        assertThat(policy.sources()).hasSize(1);
    }

    @Test
    void theReportNamesEveryFileReadAndThatTheSystemPolicyIsInForce() throws IOException {
        Path trial = write("trial.json", "{ \"enforced\": { \"chatAllowed\": false } }");
        var out = new java.io.StringWriter();

        EffectiveConfigReport.print(config(PolicyFile.load(lockedDownSystem(), env(trial.toString()))),
                new java.io.PrintWriter(out));

        assertThat(out.toString())
                .contains("Policy file: " + system + " (system policy, loaded; in force: 3 enforced, 1 defaults)")
                .contains("Added policy file: " + trial + " (from CONFAB_POLICY_FILE, loaded; adds to the system "
                        + "policy, cannot change what it enforces)");
    }

    @Test
    void aDeepLinkCannotUseAnAddedFileToReachAForbiddenServer() throws Exception {
        Path mine = write("mine.json", "{ \"enforced\": { \"serverUrl\": \"this-computer\", "
                + "\"allowThisComputerHosting\": true } }");
        EffectiveConfig config = config(PolicyFile.load(lockedDownSystem(), env(mine.toString())));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.serverFor(
                        DeepLink.parse("confab://join?meeting=1234567890&server=this-computer")))
                .isInstanceOf(DeepLink.InvalidDeepLinkException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.serverFor(
                        DeepLink.parse("confab://join?meeting=1234567890&server=wss://other.example.net")))
                .isInstanceOf(DeepLink.InvalidDeepLinkException.class);
        assertThat(config.serverFor(DeepLink.parse("confab://join?meeting=1234567890")))
                .isEqualTo(ServerAddress.parse("wss://meet.example.org"));
    }
}
