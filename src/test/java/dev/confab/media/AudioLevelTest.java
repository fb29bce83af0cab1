package dev.confab.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AudioLevelTest {
    @Test
    void fullScaleSquareWaveIsZeroDbfs() {
        short[] pcm = new short[480];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i % 2 == 0 ? Short.MAX_VALUE : -Short.MAX_VALUE);
        }
        AudioLevel.Level level = AudioLevel.measure(pcm, pcm.length);
        assertThat(level.rmsDbfs()).isCloseTo(0.0, within(0.01));
        assertThat(level.peakDbfs()).isCloseTo(0.0, within(0.01));
    }

    @Test
    void halfScaleSineIsAboutMinusNineDbRmsAndMinusSixPeak() {
        short[] pcm = new short[48_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(0.5 * 32768 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        AudioLevel.Level level = AudioLevel.measure(pcm, pcm.length);
        assertThat(level.rmsDbfs()).isCloseTo(-9.03, within(0.05));
        assertThat(level.peakDbfs()).isCloseTo(-6.02, within(0.05));
    }

    @Test
    void silenceAndEmptyBlocksAreTheFloor() {
        assertThat(AudioLevel.measure(new short[960], 960)).isEqualTo(AudioLevel.Level.SILENT);
        assertThat(AudioLevel.measure(new short[0], 0)).isEqualTo(AudioLevel.Level.SILENT);
    }

    @Test
    void onlyTheCountedSamplesMatterAndTheLatestBlockWins() {
        AudioLevel level = new AudioLevel();
        short[] buffer = new short[960];
        java.util.Arrays.fill(buffer, (short) 16384);
        level.onSamples(buffer, 960, 0);
        double loud = level.latest().rmsDbfs();
        java.util.Arrays.fill(buffer, 0, 10, (short) 0);
        level.onSamples(buffer, 10, 0);
        assertThat(loud).isCloseTo(-6.02, within(0.05));
        assertThat(level.latest()).isEqualTo(AudioLevel.Level.SILENT);
        level.reset();
        assertThat(level.latest()).isEqualTo(AudioLevel.Level.SILENT);
    }
}
