package dev.confab.protocol.flow;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UnitTest
class PumpThreadTest {

    @Test
    void aBackloggedConnectionIsPumpedUntilItReportsNoBacklogAndThenLeftAlone() throws Exception {
        try (PumpThread thread = new PumpThread("test-pump")) {
            AtomicInteger pumps = new AtomicInteger();
            PumpThread.Pumped connection = () -> pumps.incrementAndGet() < 3; // backlogged for two more pumps
            thread.backlogged(connection);
            thread.backlogged(connection); // the same connection twice is one entry

            await().atMost(Duration.ofSeconds(5)).until(() -> pumps.get() >= 3);
            await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(pumps).as("not pumped again once it had nothing waiting").hasValue(3);

            thread.backlogged(connection);
            await().atMost(Duration.ofSeconds(5)).until(() -> pumps.get() == 4);
        }
    }
}
