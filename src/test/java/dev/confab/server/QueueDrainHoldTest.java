package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class QueueDrainHoldTest {

    private final QueueDrainHold hold = new QueueDrainHold();

    @Test
    void aQueueTheSoundBufferAbsorbsHoldsNothing() {
        assertThat(hold.holdMillis(59, 0)).isZero();
    }

    @Test
    void theQueueReportedIsHeldTwiceOverAndAtMostHalfASecond() {
        assertThat(hold.holdMillis(120, 0)).isEqualTo(240);
        assertThat(hold.holdMillis(900, 5_000)).as("the picture must not stand still for a second")
                .isEqualTo(QueueDrainHold.MAX_HOLD_MILLIS);
    }

    @Test
    void oneHoldInTwoSecondsSinceEachCostsEveryStreamAKeyframe() {
        assertThat(hold.holdMillis(100, 1_000)).isEqualTo(200);
        assertThat(hold.holdMillis(100, 2_999)).isZero();
        assertThat(hold.holdMillis(100, 3_000)).isEqualTo(200);
    }
}
