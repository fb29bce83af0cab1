package dev.confab.storage;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encryption at rest against a real keychain: GNOME Keyring's Secret Service in a private D-Bus session (the
 * system packages {@code gnome-keyring} and {@code dbus}, which {@code .ci/run} installs), with HOME in a temporary
 * folder so the user's own keyring is never touched. Three JVMs in turn: one seals the profile, the history and an
 * encrypted recording with a key it stores in the keychain; a fresh one reads them all back with that key; a third
 * withdraws consent, which deletes the key from the keychain.
 */
@IntegrationTest
class RealKeychainTest {
    @TempDir
    Path dir;

    @Test
    void theKeyLivesInTheRealKeychainAcrossRunsAndWithdrawingConsentDeletesIt() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/gnome-keyring-daemon"))
                && Files.isExecutable(Path.of("/usr/bin/dbus-run-session"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "GNOME Keyring or D-Bus is not installed (apt-get install gnome-keyring dbus)");
        }
        assertThat(installed).as("CI installs gnome-keyring and dbus").isTrue();

        Path home = Files.createDirectories(dir.resolve("home"));
        Path data = dir.resolve("confab");
        String java = Path.of(System.getProperty("java.home"), "bin", "java") + " --enable-native-access=ALL-UNNAMED -cp "
                + quoted(System.getProperty("java.class.path")) + " " + RealKeychainChild.class.getName();
        String script = "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 9\n"
                + java + " write " + quoted(data.toString()) + " || exit 1\n"
                + java + " read " + quoted(data.toString()) + " || exit 2\n"
                + java + " withdraw " + quoted(data.toString()) + " || exit 3\n";
        ProcessBuilder pb = new ProcessBuilder(List.of("dbus-run-session", "--", "sh", "-c", script)).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(dir.resolve("run")).toString());
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("sealing true", "recorded Budget 2026-12-06 10-00.mp4.sealed",
                "name Grace Hopper", "history Ada Lovelace", "encrypted true", "key after withdrawing false");
        assertThat(output).doesNotContain("exported 0 ");
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
