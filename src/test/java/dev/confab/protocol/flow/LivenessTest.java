package dev.confab.protocol.flow;

import dev.confab.protocol.flow.Liveness.Action;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class LivenessTest {

    private static final long S = 1_000_000_000L;

    private final Liveness liveness = new Liveness(Duration.ofSeconds(5), Duration.ofSeconds(2), 0);

    @Test
    void anyBytesKeepACongestedConnectionAliveWithoutAPong() {
        // Media keeps arriving every 400 ms for a minute; the pongs never come (queued behind it).
        for (long t = 0; t <= 60 * S; t += S * 4 / 10) {
            liveness.heard(t);
            assertThat(liveness.check(t)).isNotEqualTo(Action.DEAD);
        }
    }

    @Test
    void silenceForTheWholeTimeoutIsDeath() {
        liveness.heard(10 * S);
        assertThat(liveness.check(14 * S)).isNotEqualTo(Action.DEAD);
        assertThat(liveness.check(15 * S - 1)).isNotEqualTo(Action.DEAD);
        assertThat(liveness.check(15 * S)).isEqualTo(Action.DEAD);
        assertThat(liveness.silentFor(15 * S)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void pingsGoOutOnScheduleEvenWhileBytesArrive() {
        assertThat(liveness.check(S)).isEqualTo(Action.NOTHING);
        liveness.heard(2 * S);
        assertThat(liveness.check(2 * S)).isEqualTo(Action.PING);
        assertThat(liveness.check(3 * S)).isEqualTo(Action.NOTHING);
        liveness.heard(4 * S);
        assertThat(liveness.check(4 * S)).isEqualTo(Action.PING);
    }

    @Test
    void theTimeoutMustBeLongerThanThePingInterval() {
        assertThatThrownBy(() -> new Liveness(Duration.ofSeconds(2), Duration.ofSeconds(2), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
