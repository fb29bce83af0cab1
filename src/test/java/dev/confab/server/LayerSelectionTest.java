package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static dev.confab.server.LayerSelection.Decision.FORWARD;
import static dev.confab.server.LayerSelection.Decision.SKIP;
import static dev.confab.server.LayerSelection.Decision.SKIP_WANT_KEYFRAME;
import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class LayerSelectionTest {

    private final LayerRates rates = new LayerRates();
    private final LayerSelection selection = new LayerSelection();
    private long now = 10_000;

    /** One second of a sender's three layers at 1 500, 500 and 150 kbit/s (30 frames a second each). */
    private void aSecondOfLayers() {
        for (int i = 0; i < 30; i++) {
            rates.frame(0, 1_500_000 / 8 / 30, now);
            rates.frame(1, 500_000 / 8 / 30, now);
            rates.frame(2, 150_000 / 8 / 30, now);
            now += 34;
        }
    }

    @Test
    void withoutAnEstimateTheBestLayerWithoutABreakWhenASenderStartsSimulcast() {
        aSecondOfLayers();
        aSecondOfLayers();
        double unlimited = Double.POSITIVE_INFINITY;
        assertThat(selection.decide(1, true, rates, unlimited, now)).isEqualTo(SKIP);
        // Layer 0 is what the receiver got while the sender had one layer: its deltas go on (the receiver's
        // queue holds a newcomer's back until a keyframe).
        assertThat(selection.decide(0, false, rates, unlimited, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isZero();
    }

    @Test
    void aPoorLinkGetsTheLayerThatFitsSwitchingAtItsKeyframeWithoutAGap() {
        aSecondOfLayers();
        aSecondOfLayers();
        selection.decide(0, true, rates, Double.POSITIVE_INFINITY, now);
        double budget = 900; // kbit/s for this sender's camera: 1 500 does not fit, but is less than twice over
        assertThat(selection.decide(0, false, rates, budget, now)).as("the old layer until the switch").isEqualTo(FORWARD);
        assertThat(selection.decide(1, false, rates, budget, now)).isEqualTo(SKIP_WANT_KEYFRAME);
        assertThat(selection.decide(1, true, rates, budget, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isEqualTo(1);
        assertThat(selection.decide(0, false, rates, budget, now)).as("no longer this receiver's layer").isEqualTo(SKIP);
        // The link improves a little: 1 500 kbit/s fits 2 000 but not with the margin for stepping up.
        assertThat(selection.decide(0, true, rates, 2_000, now)).isEqualTo(SKIP);
        assertThat(selection.decide(0, true, rates, 2_200, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isZero();
    }

    @Test
    void aLayerFarOverANarrowedLinkStopsAtOnceAndThePictureWaitsForTheLowerKeyframe() {
        aSecondOfLayers();
        aSecondOfLayers();
        selection.decide(0, true, rates, Double.POSITIVE_INFINITY, now);
        double budget = 600; // 1 500 kbit/s is 2.5 times that: it would fill the queue the sound waits in
        assertThat(selection.decide(0, false, rates, budget, now)).isEqualTo(SKIP_WANT_KEYFRAME);
        assertThat(selection.decide(1, false, rates, budget, now)).isEqualTo(SKIP_WANT_KEYFRAME);
        assertThat(selection.decide(1, true, rates, budget, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isEqualTo(1);
        assertThat(selection.decide(1, false, rates, budget, now)).isEqualTo(FORWARD);
    }

    @Test
    void nothingFitsTheWorstLayerStill() {
        aSecondOfLayers();
        aSecondOfLayers();
        assertThat(selection.decide(2, true, rates, 50, now)).isEqualTo(FORWARD);
        assertThat(selection.decide(0, true, rates, 50, now)).isEqualTo(SKIP);
    }

    @Test
    void dropsForThisReceiverLowerItsLayerForAWhile() {
        aSecondOfLayers();
        aSecondOfLayers();
        double unlimited = Double.POSITIVE_INFINITY;
        selection.decide(0, true, rates, unlimited, now);
        selection.dropped(now);
        assertThat(selection.decide(1, true, rates, unlimited, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isEqualTo(1);
        now += LayerSelection.DROP_PENALTY_MILLIS + 1;
        for (int i = 0; i < 10; i++) {
            aSecondOfLayers();
        }
        assertThat(selection.decide(0, true, rates, unlimited, now)).as("back after the penalty").isEqualTo(FORWARD);
    }

    @Test
    void aLayerTheSenderStoppedIsLeftForOneItStillSends() {
        aSecondOfLayers();
        aSecondOfLayers();
        selection.decide(1, true, rates, 600, now);
        // The meeting shrank to two: the sender sends layer 0 only from now on.
        for (int i = 0; i < 60; i++) {
            rates.frame(0, 6_000, now);
            now += 34;
        }
        assertThat(selection.decide(0, true, rates, 600, now)).isEqualTo(FORWARD);
        assertThat(selection.current()).isZero();
    }
}
