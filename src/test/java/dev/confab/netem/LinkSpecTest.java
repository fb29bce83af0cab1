package dev.confab.netem;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class LinkSpecTest {

    private static final long MS = 1_000_000;
    private static final long S = 1_000_000_000;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    @Test
    void theIssuesExampleReadsAsConstantRttPlusTimedPhases() {
        LinkSpec spec = LinkSpec.parse("rtt 120ms; down 600kbit for 20s after 15s; up 1mbit; outage 10s after 30s; stall 2s after 5s");

        assertThat(spec.rules()).hasSize(5);
        assertThat(spec.conditions(Direction.DOWN, 0)).isEqualTo(new LinkConditions(LinkConditions.UNLIMITED, 60 * MS, false));
        assertThat(spec.conditions(Direction.UP, 0)).isEqualTo(new LinkConditions(1_000_000, 60 * MS, false));
        assertThat(spec.conditions(Direction.DOWN, 15 * S).rateBitsPerSecond()).isEqualTo(600_000);
        assertThat(spec.conditions(Direction.DOWN, 35 * S - 1).rateBitsPerSecond()).isEqualTo(600_000);
        assertThat(spec.conditions(Direction.DOWN, 35 * S).rateBitsPerSecond()).isEqualTo(LinkConditions.UNLIMITED);
        assertThat(spec.conditions(Direction.UP, 6 * S).blocked()).isTrue();
        assertThat(spec.conditions(Direction.DOWN, 7 * S).blocked()).isFalse();
        assertThat(spec.outageAt(30 * S)).isTrue();
        assertThat(spec.outageAt(40 * S)).isFalse();
        assertThat(spec.conditions(Direction.DOWN, 39 * S).blocked()).isTrue();
    }

    @Test
    void beforeTheScheduleStartsOnlyConstantRulesApply() {
        LinkSpec spec = LinkSpec.parse("down 2mbit, down 300kbit for 5s, outage 3s");

        assertThat(spec.conditions(Direction.DOWN, NOT_STARTED)).isEqualTo(new LinkConditions(2_000_000, 0, false));
        assertThat(spec.outageAt(NOT_STARTED)).isFalse();
        // "for" without "after" starts with the schedule; a timed phase beats a constant rule whatever the order
        assertThat(spec.conditions(Direction.DOWN, 1 * S)).isEqualTo(new LinkConditions(300_000, 0, true));
        assertThat(spec.conditions(Direction.DOWN, 5 * S)).isEqualTo(new LinkConditions(2_000_000, 0, false));
    }

    @Test
    void directionsDelaysAndUnits() {
        LinkSpec spec = LinkSpec.parse("up delay 30ms; down 1.5 Mbit/s; both 64kbps after 1m; down stall 500ms after 2.5s");

        assertThat(spec.conditions(Direction.UP, 0)).isEqualTo(new LinkConditions(LinkConditions.UNLIMITED, 30 * MS, false));
        assertThat(spec.conditions(Direction.DOWN, 0).rateBitsPerSecond()).isEqualTo(1_500_000);
        assertThat(spec.conditions(Direction.UP, 60 * S).rateBitsPerSecond()).isEqualTo(64_000);
        assertThat(spec.conditions(Direction.DOWN, 2_600 * MS).blocked()).isTrue();
        assertThat(spec.conditions(Direction.UP, 2_600 * MS).blocked()).isFalse();
        assertThat(spec.rules().get(3).directions()).isEqualTo(Set.of(Direction.DOWN));
    }

    @Test
    void nextChangeIsTheNearestStartOrEnd() {
        LinkSpec spec = LinkSpec.parse("rtt 50ms; down 600kbit for 20s after 15s; outage 10s after 30s");

        assertThat(spec.nextChangeAfter(NOT_STARTED)).isEqualTo(15 * S);
        assertThat(spec.nextChangeAfter(0)).isEqualTo(15 * S);
        assertThat(spec.nextChangeAfter(15 * S)).isEqualTo(30 * S);
        assertThat(spec.nextChangeAfter(31 * S)).isEqualTo(35 * S);
        assertThat(spec.nextChangeAfter(40 * S)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEmptySpecPassesEverything() {
        assertThat(LinkSpec.parse(" ; ").conditions(Direction.DOWN, 0)).isEqualTo(LinkConditions.CLEAR);
    }

    @Test
    void describesEachRuleInWords() {
        assertThat(LinkSpec.parse("down 600kbit for 20s after 15s; outage 10s after 30s").describe())
                .isEqualTo("from 15 s to 35 s: rate 600 kbit/s down (server -> client)\n"
                        + "from 30 s to 40 s: outage both ways (connection kept, nothing passes, new connections wait)");
    }

    @Test
    void badSpecsSayWhatWasExpected() {
        assertError("down 600kbt", "at \"down 600kbt\"", "'600kbt' is not a rate", "600kbit, 1.5mbit or 2mbps");
        assertError("sideways 1mbit", "'sideways' is not understood", "up, down, rate, rtt, delay, stall, outage");
        assertError("rtt 120", "'120' is not a duration", "give a unit: ms, s or min");
        assertError("outage 10s for 5s", "'for' is for rates and delays");
        assertError("down outage 10s", "an outage stops both directions");
        assertError("up rtt 100ms", "rtt is a round trip");
        assertError("down 600kbit after", "it ends too early", "'after 15s'");
        assertError("down 600kbit after 5s after 6s", "'after' given twice");
        assertError("stall 0s", "must be longer than zero");
        assertError("down 1kbit", "below the lowest rate");
        assertError("down 600kbit until 5s", "'until' is not understood here", "'after DURATION' or 'for DURATION'");
        assertError("delay", "it ends too early");
    }

    private static void assertError(String spec, String... parts) {
        assertThatThrownBy(() -> LinkSpec.parse(spec)).isInstanceOf(LinkSpecException.class)
                .message().contains(parts).contains("A spec looks like: \"rtt 120ms;");
    }
}
