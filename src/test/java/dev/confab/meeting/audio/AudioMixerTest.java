package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class AudioMixerTest {
    private static final int N = 960;

    private static short[] sine(double amplitude) {
        short[] pcm = new short[N];
        for (int i = 0; i < N; i++) {
            pcm[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
        }
        return pcm;
    }

    @Test
    void quietVoicesAreSummedExactly() {
        AudioMixer mixer = new AudioMixer(N);
        short[] a = sine(0.1);
        short[] b = sine(0.2);
        mixer.clear();
        mixer.add(a, N);
        mixer.add(b, N);
        short[] out = new short[N];
        mixer.mixInto(out);
        for (int i = 0; i < N; i++) {
            assertThat(out[i]).isEqualTo((short) (a[i] + b[i]));
        }
        assertThat(mixer.gain()).isEqualTo(1.0);
    }

    @Test
    void loudOverlapsAreTurnedDownInsteadOfWrappingAround() {
        AudioMixer mixer = new AudioMixer(N);
        short[] loud = sine(0.9);
        short[] out = new short[N];
        mixer.clear();
        for (int voice = 0; voice < 9; voice++) {
            mixer.add(loud, N);
        }
        mixer.mixInto(out);
        for (int i = 0; i < N; i++) {
            // Same sign as the input everywhere: a wrapped int16 would flip it.
            assertThat(Integer.signum(out[i])).isEqualTo(Integer.signum(loud[i]));
        }
        assertThat(Arrays.stream(toInts(out)).max().orElseThrow()).isLessThanOrEqualTo(Short.MAX_VALUE)
                .isGreaterThan(30_000);
        assertThat(mixer.gain()).isLessThan(0.2);
    }

    @Test
    void gainRecoversAfterTheLoudPartEnds() {
        AudioMixer mixer = new AudioMixer(N);
        short[] out = new short[N];
        mixer.clear();
        mixer.add(sine(0.9), N);
        mixer.add(sine(0.9), N);
        mixer.mixInto(out);
        double limited = mixer.gain();
        for (int i = 0; i < 100; i++) {
            mixer.clear();
            mixer.add(sine(0.1), N);
            mixer.mixInto(out);
        }
        assertThat(limited).isLessThan(0.6);
        assertThat(mixer.gain()).isEqualTo(1.0);
    }

    private static int[] toInts(short[] pcm) {
        int[] values = new int[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            values[i] = pcm[i];
        }
        return values;
    }
}
