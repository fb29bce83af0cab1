package dev.confab.policy;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class PolicyFileTest {

    @TempDir
    Path dir;

    private Policy load(String json) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return PolicyFile.load(file);
    }

    @Test
    void missingFileMeansNothingIsPresetOrLocked() {
        Policy policy = PolicyFile.load(dir.resolve("absent.json"));

        assertThat(policy.status()).isEqualTo(Policy.Status.ABSENT);
        assertThat(policy.enforced()).isEmpty();
        assertThat(policy.defaults()).isEmpty();
        assertThat(policy.warnings()).isEmpty();
    }

    @Test
    void readsEnforcedAndDefaultValuesAsTypedValues() throws IOException {
        Policy policy = load("""
                { "enforced": { "serverUrl": "wss://Meet.Example.org:8443/confab", "recordingAllowed": false },
                  "defaults": { "defaultLanguage": "ZH-cn", "updateCheck": true } }
                """);

        assertThat(policy.status()).isEqualTo(Policy.Status.LOADED);
        assertThat(policy.warnings()).isEmpty();
        assertThat(policy.enforced()).containsEntry(PolicyKey.RECORDING_ALLOWED, false);
        assertThat(((ServerAddress) policy.enforced().get(PolicyKey.SERVER_URL)).text())
                .isEqualTo("wss://meet.example.org:8443/confab");
        assertThat(policy.defaults())
                .containsEntry(PolicyKey.DEFAULT_LANGUAGE, "zh-CN")
                .containsEntry(PolicyKey.UPDATE_CHECK, true);
    }

    @Test
    void invalidValuesAreDroppedWithAClearWarningAndTheRestIsKept() throws IOException {
        Policy policy = load("""
                { "enforced": { "recordingAllowed": "no", "serverUrl": "ws://insecure.example.org",
                                "chatAllowed": false },
                  "defaults": { "defaultLanguage": "klingon" } }
                """);

        assertThat(policy.status()).isEqualTo(Policy.Status.LOADED);
        assertThat(policy.enforced()).containsOnlyKeys(PolicyKey.CHAT_ALLOWED);
        assertThat(policy.defaults()).isEmpty();
        assertThat(policy.warnings()).containsExactlyInAnyOrder(
                "enforced.recordingAllowed: expected true or false, got \"no\"; key ignored",
                "enforced.serverUrl: the server address must start with wss:// (got \"ws://insecure.example.org\"); key ignored",
                "defaults.defaultLanguage: expected one of system, en, zh-CN, got \"klingon\"; key ignored");
    }

    @Test
    void unknownKeysAndSectionsWarnAndSuggestTheRightSpelling() throws IOException {
        Policy policy = load("""
                { "enforced": { "ChatAllowed": false, "telemetry": true },
                  "recommended": { "chatAllowed": true } }
                """);

        assertThat(policy.enforced()).isEmpty();
        assertThat(policy.warnings()).containsExactlyInAnyOrder(
                "unknown section \"recommended\" ignored (expected \"enforced\" or \"defaults\")",
                "unknown key enforced.ChatAllowed ignored (did you mean \"chatAllowed\"?)",
                "unknown key enforced.telemetry ignored");
    }

    @Test
    void malformedJsonIsIgnoredAsAWholeWithTheLineOfTheError() throws IOException {
        Policy policy = load("{ \"enforced\": { \"chatAllowed\": false,, } }");

        assertThat(policy.status()).isEqualTo(Policy.Status.UNREADABLE);
        assertThat(policy.enforced()).isEmpty();
        assertThat(policy.warnings()).singleElement().asString()
                .contains("is not valid JSON").contains("line 1").endsWith("policy ignored");
    }

    @Test
    void duplicateKeysMakeTheFileUnreadableRatherThanSilentlyPickingOne() throws IOException {
        Policy policy = load("{ \"enforced\": { \"chatAllowed\": false, \"chatAllowed\": true } }");

        assertThat(policy.status()).isEqualTo(Policy.Status.UNREADABLE);
        assertThat(policy.warnings()).singleElement().asString().contains("chatAllowed");
    }

    @Test
    void aFileThatIsNotAnObjectOrHasBadSectionsIsReported() throws IOException {
        assertThat(load("[1, 2]").status()).isEqualTo(Policy.Status.UNREADABLE);
        assertThat(load("").status()).isEqualTo(Policy.Status.UNREADABLE);

        Policy badSection = load("{ \"enforced\": [\"chatAllowed\"], \"defaults\": { \"chatAllowed\": false } }");
        assertThat(badSection.status()).isEqualTo(Policy.Status.LOADED);
        assertThat(badSection.defaults()).containsEntry(PolicyKey.CHAT_ALLOWED, false);
        assertThat(badSection.warnings()).containsExactly(
                "\"enforced\" must be a JSON object of key/value pairs; section ignored");
    }

    @Test
    void aKeyBothEnforcedAndDefaultedIsEnforced() throws IOException {
        Policy policy = load("""
                { "enforced": { "chatAllowed": false }, "defaults": { "chatAllowed": true } }
                """);

        assertThat(policy.enforced()).containsEntry(PolicyKey.CHAT_ALLOWED, false);
        assertThat(policy.defaults()).doesNotContainKey(PolicyKey.CHAT_ALLOWED);
        assertThat(policy.warnings()).containsExactly("defaults.chatAllowed ignored: the same key is enforced");
    }

    @Test
    void anOversizedFileIsNotParsed() throws IOException {
        Policy policy = load("{\"defaults\": {}, \"pad\": \"" + "x".repeat((int) PolicyFile.MAX_BYTES) + "\"}");

        assertThat(policy.status()).isEqualTo(Policy.Status.UNREADABLE);
        assertThat(policy.warnings()).singleElement().asString().contains("larger than");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aPolicyUsersCanEditIsFlagged() throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, "{ \"enforced\": { \"chatAllowed\": false } }");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        Policy policy = PolicyFile.load(file);

        assertThat(policy.enforced()).containsEntry(PolicyKey.CHAT_ALLOWED, false);
        assertThat(policy.warnings()).singleElement().asString().contains("writable by other users");
    }

    @Test
    void theEnvironmentVariableNamesAFileToAddNotAReplacement() {
        assertThat(PolicyFile.addedFile(Map.of("CONFAB_POLICY_FILE", "/tmp/p.json"))).contains(Path.of("/tmp/p.json"));
        assertThat(PolicyFile.addedFile(Map.of("CONFAB_POLICY_FILE", " "))).isEmpty();
        assertThat(PolicyFile.addedFile(Map.of())).isEmpty();
    }

    @Test
    void eachOsHasAFixedMachineWidePath() {
        assertThat(PolicyFile.machinePath("Linux")).isEqualTo(Path.of("/etc/confab/policy.json"));
        assertThat(PolicyFile.machinePath("Mac OS X"))
                .isEqualTo(Path.of("/Library/Application Support/Confab/policy.json"));
        assertThat(PolicyFile.machinePath("Windows 11")).isEqualTo(Path.of("C:\\ProgramData", "Confab", "policy.json"));
    }
}
