package dev.confab.netem;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bucket alone, on made-up times: a reader that reads whenever allowed gets exactly the rate. */
@UnitTest
class BottleneckTest {

    @Test
    void aGreedyReaderGetsTheRateWhateverItsReadSizes() {
        Bottleneck bottleneck = new Bottleneck();
        long now = 1_000;
        bottleneck.setRate(600_000, now);
        long bytes = 0;
        long end = now + 10_000_000_000L;
        int turn = 0;
        while (now < end) {
            long wait = bottleneck.nanosUntilReadable(now);
            if (wait > 0) {
                now += wait;
                continue;
            }
            int read = turn++ % 3 == 0 ? bottleneck.readSize() : 100; // full reads and short ones
            bottleneck.spend(read, now);
            bytes += read;
        }
        assertThat(bytes * 8 / 10.0).isCloseTo(600_000, within(600_000 * 0.01));
    }

    @Test
    void readsStayAboutOnePacketAtLowRatesAndFiveMillisecondsAtHighOnes() {
        Bottleneck bottleneck = new Bottleneck();
        bottleneck.setRate(300_000, 0);
        assertThat(bottleneck.readSize()).isEqualTo(1500);
        bottleneck.setRate(100_000_000, 0);
        assertThat(bottleneck.readSize()).isEqualTo(62_500);
        bottleneck.setRate(LinkConditions.UNLIMITED, 0);
        assertThat(bottleneck.nanosUntilReadable(0)).isZero();
    }

    @Test
    void aLowerRateTakesEffectAtOnce() {
        Bottleneck bottleneck = new Bottleneck();
        bottleneck.setRate(10_000_000, 0);
        bottleneck.spend(bottleneck.readSize(), 0);
        bottleneck.setRate(80_000, 1);
        bottleneck.spend(1500, 1_000_000);
        // 1500 bytes at 10 kB/s: the next read waits about 0.15 s
        assertThat(bottleneck.nanosUntilReadable(1_000_000) / 1e9).isCloseTo(0.15, within(0.02));
    }
}
