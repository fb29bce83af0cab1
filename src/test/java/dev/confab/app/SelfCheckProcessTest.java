package dev.confab.app;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code confab --self-check} in a JVM of its own, as CI runs it on the installed package: it starts and
 * stops the JavaFX toolkit, which must not happen inside the shared test JVM.
 */
@IntegrationTest
class SelfCheckProcessTest {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run selfCheck(Path policyFile) throws IOException, InterruptedException {
        ProcessBuilder pb = ConfabProcess.builder(List.of(), "--self-check");
        pb.environment().put("CONFAB_HOME", dir.resolve("home").toString());
        pb.environment().put("CONFAB_POLICY_FILE", policyFile.toString());
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void passesOnAWorkingInstallationWithAValidPolicy() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ \"enforced\": { \"chatAllowed\": false } }");

        Run run = selfCheck(policy);

        assertThat(run.output()).contains("FFmpeg natives", "JavaFX", "person segmentation model runs", "1 enforced", "writable", "Self-check passed.");
        // Issue #16: which files were read, and that the file given only adds to the system policy.
        assertThat(run.output()).contains("system policy "
                        + dev.confab.policy.PolicyFile.machinePath(System.getProperty("os.name", "")),
                "added " + policy + " (CONFAB_POLICY_FILE, loaded, cannot lift the system policy)");
        assertThat(run.exit()).isZero();
    }

    @Test
    void failsWhenThePolicyFileCannotBeParsed() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{ not json");

        Run run = selfCheck(policy);

        assertThat(run.output()).containsPattern("Policy file\\s+FAIL").contains("Self-check FAILED.");
        assertThat(run.exit()).isEqualTo(1);
    }
}
