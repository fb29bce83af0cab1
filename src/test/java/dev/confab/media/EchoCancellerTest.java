package dev.confab.media;

import dev.confab.testing.SpeechLikeSignal;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WebRTC's audio processing, headless: the far end's echo is removed, the user's own voice is kept. */
@UnitTest
class EchoCancellerTest {
    private static final int CHUNK = AudioEncoder.FRAME_SAMPLES;
    private static final int ECHO_DELAY_SAMPLES = 48 * 40;

    @Test
    void theFarEndsEchoIsRemovedFromTheMicrophone() throws Exception {
        short[] far = SpeechLikeSignal.voice(48_000 * 6, 1, 300);
        double lastSecondIn = 0;
        double lastSecondOut = 0;
        try (EchoCanceller canceller = new EchoCanceller(true, () -> 20_000)) {
            short[] mic = new short[CHUNK];
            short[] played = new short[CHUNK];
            for (int start = 0; start + CHUNK <= far.length; start += CHUNK) {
                System.arraycopy(far, start, played, 0, CHUNK);
                canceller.onPlayback(played, CHUNK);
                for (int i = 0; i < CHUNK; i++) {
                    int k = start + i - ECHO_DELAY_SAMPLES;
                    mic[i] = k >= 0 ? (short) (far[k] / 2) : 0; // the speaker heard by the microphone
                }
                double in = AudioLevel.rmsDbfs(mic, CHUNK);
                canceller.processCapture(mic, CHUNK);
                if (start >= far.length - 48_000) {
                    lastSecondIn += in;
                    lastSecondOut += AudioLevel.rmsDbfs(mic, CHUNK);
                }
            }
        }
        assertThat(lastSecondIn - lastSecondOut).as("echo reduction over the last second, dB x 50 chunks")
                .isGreaterThan(50 * 20.0);
    }

    @Test
    void theUsersOwnVoiceGoesThroughWhenNothingIsPlaying() throws Exception {
        short[] talk = SpeechLikeSignal.voice(48_000 * 3, 2, 500);
        short[] silence = new short[CHUNK];
        double inTotal = 0;
        double outTotal = 0;
        try (EchoCanceller canceller = new EchoCanceller(true, () -> 20_000)) {
            short[] mic = new short[CHUNK];
            for (int start = 0; start + CHUNK <= talk.length; start += CHUNK) {
                canceller.onPlayback(silence, CHUNK);
                System.arraycopy(talk, start, mic, 0, CHUNK);
                double in = AudioLevel.rmsDbfs(mic, CHUNK);
                canceller.processCapture(mic, CHUNK);
                if (start >= 48_000) {
                    inTotal += in;
                    outTotal += AudioLevel.rmsDbfs(mic, CHUNK);
                }
            }
        }
        int chunks = 100;
        assertThat((inTotal - outTotal) / chunks).as("average loss of the near-end voice, dB").isLessThan(6.0);
    }

    /** A fan's steady hiss: what noise suppression is for, switched on and off during the call. */
    @Test
    void noiseSuppressionCanBeSwitchedOffAndOnWhileTheMicrophoneRuns() throws Exception {
        java.util.Random hiss = new java.util.Random(7);
        try (EchoCanceller canceller = new EchoCanceller(true, () -> 20_000)) {
            double on = reductionOverTheLastSecond(canceller, hiss);
            canceller.setNoiseSuppression(false);
            double off = reductionOverTheLastSecond(canceller, hiss);
            canceller.setNoiseSuppression(true);
            double onAgain = reductionOverTheLastSecond(canceller, hiss);

            assertThat(on).as("hiss removed, dB").isGreaterThan(6);
            assertThat(off).as("hiss kept once switched off, dB").isLessThan(2);
            assertThat(onAgain).as("removed again, dB").isGreaterThan(6);
            assertThat(canceller.noiseSuppression()).isTrue();
        }
    }

    /** Three seconds of hiss through the processing; the average level it lost in the last second, dB. */
    private static double reductionOverTheLastSecond(EchoCanceller canceller, java.util.Random hiss) {
        short[] silence = new short[CHUNK];
        short[] mic = new short[CHUNK];
        double in = 0;
        double out = 0;
        int chunks = 3 * 48_000 / CHUNK;
        for (int c = 0; c < chunks; c++) {
            canceller.onPlayback(silence, CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                mic[i] = (short) (hiss.nextGaussian() * 800);
            }
            double level = AudioLevel.rmsDbfs(mic, CHUNK);
            canceller.processCapture(mic, CHUNK);
            if (c >= chunks - 48_000 / CHUNK) {
                in += level;
                out += AudioLevel.rmsDbfs(mic, CHUNK);
            }
        }
        return (in - out) / (48_000 / CHUNK);
    }
}
