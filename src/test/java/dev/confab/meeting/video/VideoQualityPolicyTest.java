package dev.confab.meeting.video;

import dev.confab.media.VideoFormat;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class VideoQualityPolicyTest {

    private static final long S = 1_000_000_000L;

    private static int height(VideoQualityPolicy.Target target) {
        return target.format().height();
    }

    @Test
    void meetingSizePicksTheRung() {
        var policy = new VideoQualityPolicy();
        policy.participantCount(2);
        assertThat(policy.poll(0)).map(VideoQualityPolicyTest::height).contains(720);
        policy.participantCount(4);
        assertThat(policy.poll(S / 2)).as("too soon after the last change").isEmpty();
        assertThat(policy.poll(4 * S)).map(VideoQualityPolicyTest::height).contains(540);
        policy.participantCount(8);
        assertThat(policy.poll(8 * S)).map(VideoQualityPolicyTest::height).contains(360);
        policy.participantCount(20);
        assertThat(policy.poll(12 * S)).map(VideoQualityPolicyTest::height).contains(270);
        assertThat(policy.poll(20 * S)).as("no change, nothing to do").isEmpty();
    }

    @Test
    void congestionStepsDownAndRecoversSlowly() {
        var policy = new VideoQualityPolicy();
        policy.participantCount(2);
        policy.poll(0);
        policy.rateHint(5 * S);
        assertThat(policy.poll(5 * S)).map(VideoQualityPolicyTest::height).contains(540);
        policy.rateHint(6 * S); // within the spacing: no second step yet
        assertThat(policy.poll(7 * S)).isEmpty();
        policy.rateHint(9 * S);
        assertThat(policy.poll(9 * S)).map(VideoQualityPolicyTest::height).contains(360);
        assertThat(policy.poll(15 * S)).as("still within the quiet period").isEmpty();
        assertThat(policy.poll(19 * S)).map(VideoQualityPolicyTest::height).contains(540);
        assertThat(policy.poll(25 * S)).isEmpty();
        assertThat(policy.poll(29 * S)).map(VideoQualityPolicyTest::height).contains(720);
        assertThat(policy.current().bitrateBitsPerSecond()).isEqualTo(1_500_000);
    }

    @Test
    void theNetworksLimitPicksTheBestRungThatFitsDownSoonUpLater() {
        var policy = new VideoQualityPolicy();
        policy.participantCount(2);
        assertThat(policy.poll(0)).map(VideoQualityPolicyTest::height).contains(720);
        policy.limit(520_000); // a 600 kbit/s downlink, minus sound
        assertThat(policy.poll(S / 2)).as("within a second of the last change").isEmpty();
        assertThat(policy.poll(S)).map(VideoQualityPolicyTest::height).contains(360);
        assertThat(policy.current().bitrateBitsPerSecond()).isLessThanOrEqualTo(520_000);
        policy.limit(100_000); // below the ladder: the last rung
        assertThat(policy.poll(2 * S)).map(VideoQualityPolicyTest::height).contains(180);
        policy.limit(1_000_000);
        assertThat(policy.poll(3 * S)).as("a step up waits longer").isEmpty();
        assertThat(policy.poll(4 * S)).map(VideoQualityPolicyTest::height).contains(540);
        policy.limit(0); // no limit any more
        assertThat(policy.poll(8 * S)).map(VideoQualityPolicyTest::height).contains(720);
        policy.participantCount(5);
        policy.limit(2_000_000);
        assertThat(policy.poll(12 * S)).as("the meeting's size still caps it").map(VideoQualityPolicyTest::height)
                .contains(360);
    }

    @Test
    void fromThreeParticipantsTheCameraIsSentInSmallerLayersTooThatCountAgainstTheLimit() {
        var policy = new VideoQualityPolicy();
        policy.participantCount(2);
        policy.poll(0);
        assertThat(policy.lowerLayers()).as("1:1: one layer").isEmpty();
        policy.participantCount(3);
        assertThat(policy.poll(S)).map(VideoQualityPolicyTest::height).contains(540);
        assertThat(policy.lowerLayers()).extracting(VideoQualityPolicyTest::height).containsExactly(270, 180);
        policy.participantCount(20);
        policy.limit(2_000_000);
        assertThat(policy.poll(3 * S)).map(VideoQualityPolicyTest::height).contains(270);
        assertThat(policy.lowerLayers()).as("only the smallest is below").extracting(VideoQualityPolicyTest::height)
                .containsExactly(180);

        var big = new VideoQualityPolicy();
        big.participantCount(3);
        big.poll(0);
        big.limit(1_350_000); // 540p + 270p + 180p = 1.35 Mbit/s fits exactly
        assertThat(big.poll(5 * S)).isEmpty();
        big.limit(1_300_000);
        assertThat(big.poll(6 * S)).as("top and layers together over the limit").map(VideoQualityPolicyTest::height)
                .contains(360);
        assertThat(big.lowerLayers()).extracting(VideoQualityPolicyTest::height).containsExactly(180);
    }

    @Test
    void aCameraOfAnotherShapeKeepsItsShapeOnEveryRung() {
        var policy = new VideoQualityPolicy(new VideoFormat(640, 480, 10));
        policy.participantCount(2);
        policy.poll(0);
        policy.limit(160_000);
        assertThat(policy.poll(2 * 1_000_000_000L)).map(t -> t.format()).contains(new VideoFormat(240, 180, 10));
    }

    @Test
    void aSmallerBestFormatTopsTheLadder() {
        var policy = new VideoQualityPolicy(new VideoFormat(640, 360, 15));
        assertThat(policy.best().format()).isEqualTo(new VideoFormat(640, 360, 15));
        policy.participantCount(3);
        assertThat(policy.poll(0)).map(t -> t.format()).contains(new VideoFormat(480, 270, 15));
    }

    @Test
    void histogramPercentiles() {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(i * 1000L - 500); // 0.5, 1.5 .. 99.5 ms: the n-th sample lies in the bucket ending at n ms
        }
        assertThat(histogram.percentileMillis(50)).isEqualTo(50.0);
        assertThat(histogram.percentileMillis(95)).isEqualTo(95.0);
        assertThat(histogram.percentileMillis(99)).isEqualTo(99.0);
        assertThat(new LatencyHistogram().percentileMillis(50)).isNaN();
    }
}
