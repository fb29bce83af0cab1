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
 * {@code confab --startup-probe} in a JVM of its own, as the package check runs it on a virtual display: the
 * window comes up and the time is reported, or the failure is (no display, a missing system library).
 */
@IntegrationTest
class StartupProbeProcessTest {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run probe(List<String> jvmOptions) throws IOException, InterruptedException {
        ProcessBuilder pb = ConfabProcess.builder(jvmOptions, "--startup-probe");
        pb.environment().put("CONFAB_HOME", dir.resolve("home").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void reportsWhenTheFirstWindowIsShownAndQuits() throws Exception {
        Run run = probe(ConfabProcess.HEADLESS);

        assertThat(run.output()).containsPattern("startup-probe: first window shown \\d+ ms after the JVM started \\(\"Confab");
        assertThat(run.exit()).isZero();
        assertThat(dir.resolve("home/cache/javafx")).as("JavaFX's natives unpacked into Confab's own cache")
                .isDirectory();
    }

    @Test
    void failsClearlyWhenNoWindowCanBeOpened() throws Exception {
        Run run = probe(List.of()); // the desktop platform, without a display

        assertThat(run.output()).contains("startup-probe: FAILED, the window could not be opened");
        assertThat(run.exit()).isEqualTo(1);
    }
}
