package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@UnitTest
class AudioLevelTest {
    private static final int CHUNK = 960;

    @Test
    void silenceIsAtTheFloorAndShowsAnEmptyMeter() {
        short[] silence = new short[CHUNK];
        AudioLevel level = new AudioLevel();

        assertThat(AudioLevel.rmsDbfs(silence, CHUNK)).isEqualTo(AudioLevel.FLOOR_DBFS);
        assertThat(AudioLevel.peakDbfs(silence, CHUNK)).isEqualTo(AudioLevel.FLOOR_DBFS);
        assertThat(level.update(silence, CHUNK)).isZero();
    }

    @Test
    void fullScaleSineHasPeakZeroAndRmsMinusThreeDbfs() {
        short[] sine = Signals.sine(1000, 1.0, 4800);

        assertThat(AudioLevel.peakDbfs(sine, sine.length)).isCloseTo(0.0, within(0.01));
        assertThat(AudioLevel.rmsDbfs(sine, sine.length)).isCloseTo(-3.01, within(0.05));
    }

    @Test
    void sineTwentyDecibelsDownReadsTwentyDecibelsLower() {
        short[] sine = Signals.sine(1000, 0.1, 4800);

        assertThat(AudioLevel.peakDbfs(sine, sine.length)).isCloseTo(-20.0, within(0.05));
        assertThat(AudioLevel.rmsDbfs(sine, sine.length)).isCloseTo(-23.01, within(0.05));
    }

    @Test
    void onlyTheCountedSamplesAreMeasured() {
        short[] pcm = new short[CHUNK];
        pcm[CHUNK - 1] = Short.MAX_VALUE;

        assertThat(AudioLevel.peakDbfs(pcm, CHUNK - 1)).isEqualTo(AudioLevel.FLOOR_DBFS);
        assertThatThrownBy(() -> AudioLevel.rmsDbfs(pcm, CHUNK + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meterRisesAtOnceWhenSpeechStarts() {
        AudioLevel level = new AudioLevel();

        double afterOneChunk = level.update(Signals.sine(440, 1.0, CHUNK), CHUNK);

        assertThat(afterOneChunk).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    }

    @Test
    void meterFallsBackGraduallyAfterSpeechStops() {
        AudioLevel level = new AudioLevel();
        level.update(Signals.sine(440, 1.0, CHUNK), CHUNK);
        short[] silence = new short[CHUNK];

        double afterOneSilentChunk = level.update(silence, CHUNK);
        for (int i = 0; i < 100; i++) {
            level.update(silence, CHUNK);
        }

        assertThat(afterOneSilentChunk).as("no instant drop").isGreaterThan(0.8);
        assertThat(level.meter()).as("empty after two seconds of silence").isLessThan(0.01);
    }

    @Test
    void quieterSignalShowsALowerMeter() {
        AudioLevel loud = new AudioLevel();
        AudioLevel quiet = new AudioLevel();
        for (int i = 0; i < 10; i++) {
            loud.update(Signals.sine(440, 1.0, CHUNK), CHUNK);
            quiet.update(Signals.sine(440, 0.1, CHUNK), CHUNK);
        }

        assertThat(quiet.meter()).isCloseTo(AudioLevel.meterValue(-23.01), within(0.02)).isLessThan(loud.meter());
    }

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
