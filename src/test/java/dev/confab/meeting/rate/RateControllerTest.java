package dev.confab.meeting.rate;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@UnitTest
class RateControllerTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final RateController controller = new RateController();

    @Test
    void noLimitIsKnownUntilThePathQueues() {
        for (long t = 0; t < 60 * S; t += 250 * MS) {
            assertThat(controller.update(t, false, true, 1_500_000, 0)).isNaN();
        }
    }

    @Test
    void overuseLowersTheEstimateBelowWhatArrives() {
        controller.update(0, false, true, 1_500_000, 0);
        double estimate = controller.update(250 * MS, true, false, 600_000, 0);
        assertThat(estimate).isCloseTo(0.85 * 600_000, within(1.0));
        // Overuse goes on while the sender has not stepped down yet: lowered again, but not every tick.
        assertThat(controller.update(500 * MS, true, false, 590_000, 0)).as("too soon after the last decrease")
                .isCloseTo(0.85 * 600_000, within(1.0));
        assertThat(controller.update(1000 * MS, true, false, 400_000, 0)).isCloseTo(0.85 * 400_000, within(1.0));
        assertThat(controller.update(1700 * MS, true, false, 700_000, 0)).as("never raised by overuse")
                .isCloseTo(0.85 * 400_000, within(1.0));
    }

    @Test
    void itRisesOnlyOnWhatArrivesWithoutAQueueAndNotRightAfterADecrease() {
        controller.update(0, true, false, 600_000, 0);
        double lowered = controller.estimate();
        assertThat(controller.update(500 * MS, false, true, 900_000, 0)).as("held: the queue is still draining")
                .isEqualTo(lowered);
        assertThat(controller.update(1500 * MS, false, true, 400_000, 0)).as("less arriving says nothing").isEqualTo(lowered);
        assertThat(controller.update(2000 * MS, false, true, 700_000, 0)).as("700 kbit/s arrived without a queue")
                .isCloseTo(0.97 * 700_000, within(1.0));
        for (long t = 2250 * MS; t < 20 * S; t += 250 * MS) {
            controller.update(t, false, true, 300_000, 0); // the sender has stepped far down and stays there
        }
        assertThat(controller.estimate()).as("untested headroom is not assumed").isCloseTo(0.97 * 700_000, within(1.0));
    }

    @Test
    void longWithoutOveruseTheLimitIsForgotten() {
        controller.update(0, true, false, 600_000, 0);
        controller.update(29 * S, false, true, 600_000, 0);
        assertThat(controller.estimate()).isNotNaN();
        assertThat(controller.update(30 * S, false, true, 600_000, 0)).isNaN();
    }

    @Test
    void aLongQueueIsDrainedWithinAboutASecondNotSix() {
        controller.update(0, false, true, 1_500_000, 0);
        // The link narrowed to 600 kbit/s and its queue already holds 600 ms: 0.85 of the rate would drain it in 4 s.
        double estimate = controller.update(250 * MS, true, false, 600_000, 600);
        assertThat(estimate).isCloseTo(0.5 * 600_000, within(1.0));
        assertThat(RateController.decreaseFactor(300)).isCloseTo(0.7, within(1e-9));
        assertThat(RateController.decreaseFactor(100)).as("a short queue: the usual step").isEqualTo(0.85);
        assertThat(RateController.decreaseFactor(5_000)).as("never below half").isEqualTo(0.5);
    }
}
