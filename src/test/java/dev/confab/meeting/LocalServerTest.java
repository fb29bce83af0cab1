package dev.confab.meeting;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class LocalServerTest {
    @TempDir
    Path dir;

    @Test
    void startsOnlyWhenAskedOnceAndStopsOnClose() throws Exception {
        LocalServer local = new LocalServer(dir, false);
        assertThat(local.running()).as("nothing listens before a meeting is asked for").isEmpty();

        LocalServer.Running first = local.start().get(30, TimeUnit.SECONDS);
        LocalServer.Running second = local.start().get(30, TimeUnit.SECONDS);
        assertThat(second).as("one server per app").isSameAs(first);
        assertThat(local.running()).containsSame(first);
        assertThat(accepts(first.port())).isTrue();

        local.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(first.port()));
        assertThatThrownBy(() -> local.start().get()).isInstanceOf(ExecutionException.class);
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
