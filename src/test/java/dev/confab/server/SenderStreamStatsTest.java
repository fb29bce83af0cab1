package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class SenderStreamStatsTest {

    @Test
    void theOnlyReceiverDroppingIsAHint() {
        var stats = new SenderStreamStats();
        stats.countSent(1000);
        stats.countDropped(2);
        var hint = stats.takeRateHintIfDue(1);
        assertThat(hint).isNotNull();
        assertThat(hint.congestedReceivers()).isEqualTo(1);
        assertThat(stats.takeRateHintIfDue(1)).as("counters reset, and at most every 2 s").isNull();
    }

    @Test
    void fromTwoReceiversOnAHintNeedsMoreThanHalfOfThemDropping() {
        var minority = new SenderStreamStats();
        minority.countDropped(2);
        assertThat(minority.takeRateHintIfDue(2)).as("one of two").isNull();
        var majority = new SenderStreamStats();
        majority.countDropped(2);
        majority.countDropped(3);
        assertThat(majority.takeRateHintIfDue(3)).as("two of three").isNotNull();
        var half = new SenderStreamStats();
        half.countDropped(2);
        half.countDropped(3);
        assertThat(half.takeRateHintIfDue(4)).as("two of four").isNull();
    }
}
