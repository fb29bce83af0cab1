package dev.confab.server;

import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real {@code confab server} command in its own JVM: prints its address, and SIGTERM tells clients. */
@IntegrationTest
class ServerProcessTest {

    @Test
    void sigtermTellsConnectedClientsBeforeExiting(@TempDir Path home) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.confab.app.ConfabMain",
                "--data-dir", home.toString(), "server", "--plain", "--bind", "127.0.0.1", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).startsWith("Confab server listening on ws://127.0.0.1:");
            URI url = URI.create(line.substring(line.lastIndexOf(' ') + 1));

            TestClient client = TestClient.greeted(url);
            client.create("Ada", null);
            process.destroy(); // SIGTERM on Unix-like systems
            assertThat(client.next(ServerMessage.ServerShutdown.class).message()).isNotBlank();
            assertThat(client.awaitClose()).isEqualTo(1001);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
