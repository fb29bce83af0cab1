package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class TimeStretchTest {

    private static final int RATE = 48_000;
    private static final int FRAME = 960;
    private static final double AMPLITUDE = 12_000;

    private final TimeStretch stretch = new TimeStretch();
    private final short[] out = new short[FRAME + TimeStretch.MAX_PERIOD];

    private static short[] tone(double hz, int count) {
        short[] pcm = new short[count];
        for (int i = 0; i < count; i++) {
            pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return pcm;
    }

    /** The largest jump between neighbouring samples: a seam that does not line up shows as a click. */
    private static int largestStep(short[] pcm, int count) {
        int largest = 0;
        for (int i = 1; i < count; i++) {
            largest = Math.max(largest, Math.abs(pcm[i] - pcm[i - 1]));
        }
        return largest;
    }

    /** A period of the tone lies within a sample of a whole number of its periods. */
    private static void assertWholePeriods(int samples, double hz) {
        double periods = samples * hz / RATE;
        assertThat(Math.abs(periods - Math.round(periods)) * RATE / hz).as("samples off a whole period")
                .isLessThanOrEqualTo(1.0);
        assertThat(Math.round(periods)).isPositive();
    }

    /**
     * {@code out[0, length)} is {@code in} with whole periods added or removed: same pitch, no click at the seams,
     * and it starts and ends where the block did, so the blocks around it follow on without a seam.
     */
    private void assertSameToneWithoutSeams(short[] in, int length, double hz) {
        assertWholePeriods(Math.abs(length - FRAME), hz);
        assertThat(largestStep(out, length)).as("no click at the seams")
                .isLessThanOrEqualTo(largestStep(in, FRAME) * 3 / 2);
        assertThat(ToneAnalysis.dominantFrequency(out, length)).isBetween(hz - 10, hz + 10);
        assertThat(out[0]).isEqualTo(in[0]);
        assertThat(out[length - 1]).isEqualTo(in[FRAME - 1]);
    }

    @Test
    void aToneIsLengthenedByWholePeriodsWithoutAClickOrAPitchChange() {
        short[] in = tone(440, FRAME);
        int length = stretch.lengthen(in, FRAME, out);

        assertThat(length).isGreaterThan(FRAME);
        assertSameToneWithoutSeams(in, length, 440);
    }

    @Test
    void aToneIsShortenedByWholePeriodsWithoutAClickOrAPitchChange() {
        short[] in = tone(220, FRAME);
        int length = stretch.shorten(in, FRAME, out);

        assertThat(length).isLessThan(FRAME);
        assertSameToneWithoutSeams(in, length, 220);
    }

    @Test
    void soundWithoutAPeriodIsLeftAsItIs() {
        Random random = new Random(7);
        short[] noise = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            noise[i] = (short) (random.nextGaussian() * 6_000);
        }
        assertThat(stretch.lengthen(noise, FRAME, out)).isEqualTo(FRAME);
        assertThat(java.util.Arrays.copyOf(out, FRAME)).isEqualTo(noise);
        assertThat(stretch.shorten(noise, FRAME, out)).isEqualTo(FRAME);
    }

    @Test
    void nearSilenceIsStretchedByTheLongestPeriod() {
        short[] quiet = new short[FRAME];
        quiet[100] = 20; // -64 dBFS: not a sound anyone hears
        assertThat(stretch.lengthen(quiet, FRAME, out)).isEqualTo(FRAME + TimeStretch.MAX_PERIOD);
        assertThat(stretch.shorten(quiet, FRAME, out)).isEqualTo(FRAME - TimeStretch.MAX_PERIOD);
    }
}
