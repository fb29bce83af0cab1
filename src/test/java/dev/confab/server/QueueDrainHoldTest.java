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

    @Test
    void aLargerQueueReportedWhileAHoldRunsLengthensItWithinHalfASecondOfItsStart() {
        assertThat(hold.holdMillis(90, 1_000)).as("seen starting from overdue sound").isEqualTo(180);
        assertThat(hold.holdMillis(200, 1_100)).as("the frames behind it: until 1 500, not 1 500 + 400")
                .isEqualTo(400);
        assertThat(hold.holdMillis(150, 1_200)).as("ends no later than the hold running").isZero();
        assertThat(hold.holdMillis(200, 1_500)).as("over: one hold in two seconds").isZero();
    }

    @Test
    void aSmallerQueueReportedWhileAHoldRunsDoesNotShortenIt() {
        assertThat(hold.holdMillis(200, 1_000)).isEqualTo(400);
        assertThat(hold.holdMillis(60, 1_100)).isZero();
    }
}
