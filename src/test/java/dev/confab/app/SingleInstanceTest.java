package dev.confab.app;

import dev.confab.storage.AppPaths;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SingleInstanceTest {

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    @Test
    void aSecondLaunchHandsItsLinkToTheRunningConfabAndExits() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        SingleInstance running = SingleInstance.claimOrForward(paths, "", received::add).orElseThrow();
        try {
            Optional<SingleInstance> second = SingleInstance.claimOrForward(
                    paths, "confab://join?meeting=1234567890", m -> { });

            assertThat(second).as("the second launch must not become an instance").isEmpty();
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("confab://join?meeting=1234567890");
        } finally {
            running.close();
        }
    }

    @Test
    void afterTheRunningConfabClosesOrCrashedTheNextLaunchRunsItself() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        SingleInstance.claimOrForward(paths, "", received::add).orElseThrow().close();
        java.nio.file.Files.writeString(paths.data().resolve("instance.sock"), "left by a crashed Confab");

        Optional<SingleInstance> next = SingleInstance.claimOrForward(paths, "", received::add);

        assertThat(next).as("a stale socket file must not make it forward into the void").isPresent();
        next.get().close();
    }

    @Test
    void anOversizedMessageIsCutToTheLimitSoTheReceiverCanRefuseIt() throws Exception {
        AppPaths paths = AppPaths.under(dir);
        SingleInstance running = SingleInstance.claimOrForward(paths, "", received::add).orElseThrow();
        try {
            SingleInstance.claimOrForward(paths, "x".repeat(100_000), m -> { });

            assertThat(received.poll(10, TimeUnit.SECONDS)).hasSize(SingleInstance.MAX_MESSAGE_BYTES);
        } finally {
            running.close();
        }
    }
}
