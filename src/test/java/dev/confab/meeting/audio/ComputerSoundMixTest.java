package dev.confab.meeting.audio;

import dev.confab.media.AudioDecoder;
import dev.confab.media.MediaException;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The computer sound's way into what is sent, on PCM: mute, the mix, the limiter. Opus decoded for real. */
@UnitTest
class ComputerSoundMixTest {
    private static final int CHUNK = 960;

    private static short[] tone(double hz, int amplitude, int chunk) {
        short[] pcm = new short[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (chunk * CHUNK + i) / 48_000));
        }
        return pcm;
    }

    /** Sends {@code chunks} chunks of a 440 Hz microphone with 1 kHz computer sound; returns the decoded result. */
    private static short[] send(boolean muted, ComputerSoundMix sound, int amplitude, int chunks) throws MediaException {
        List<byte[]> packets = new ArrayList<>();
        try (AudioSender sender = new AudioSender((header, payload) -> {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            return packets.add(copy);
        }, false)) {
            sender.setMuted(muted);
            sender.setComputerSound(sound);
            for (int n = 0; n < chunks; n++) {
                if (sound != null) {
                    sound.onSamples(tone(1000, amplitude, n), CHUNK, 0);
                }
                sender.onSamples(tone(440, amplitude, n), CHUNK, n * 20_000L);
            }
        }
        short[] decoded = new short[packets.size() * CHUNK];
        int[] filled = {0};
        try (AudioDecoder decoder = new AudioDecoder((pcm, count, time) -> {
            System.arraycopy(pcm, 0, decoded, filled[0], Math.min(count, decoded.length - filled[0]));
            filled[0] += count;
        })) {
            for (int i = 0; i < packets.size(); i++) {
                decoder.decode(packets.get(i), 0, packets.get(i).length, i * 20_000L);
            }
        }
        return decoded;
    }

    @Test
    void whileMutedOnlyTheComputerSoundIsSent() throws Exception {
        try (ComputerSoundMix sound = new ComputerSoundMix(null)) {
            short[] heard = send(true, sound, 8000, 50);
            assertThat(heard).as("something is sent although muted").hasSizeGreaterThan(40 * CHUNK);
            assertThat(ToneAnalysis.dominantFrequency(heard, heard.length)).isBetween(990.0, 1010.0);
            assertThat(ToneAnalysis.powerAt(heard, heard.length, 440))
                    .as("the muted microphone is not heard").isLessThan(ToneAnalysis.powerAt(heard, heard.length, 1000) / 1000);
        }
        assertThat(send(true, null, 8000, 50)).as("muted without computer sound: nothing is sent").isEmpty();
    }

    @Test
    void unmutedBothAreSentAndALoudSumIsTurnedDownInsteadOfWrapping() throws Exception {
        try (ComputerSoundMix sound = new ComputerSoundMix(null)) {
            // Each alone near full scale: their plain sum would wrap around 16 bits into loud noise.
            short[] heard = send(false, sound, 30_000, 50);
            double mic = ToneAnalysis.powerAt(heard, heard.length, 440);
            double music = ToneAnalysis.powerAt(heard, heard.length, 1000);
            assertThat(mic).as("the microphone is heard").isGreaterThan(music / 4);
            assertThat(music).as("the computer sound is heard").isGreaterThan(mic / 4);
            double other = ToneAnalysis.powerAt(heard, heard.length, 2440) + ToneAnalysis.powerAt(heard, heard.length, 3000);
            assertThat(other).as("no distortion products of clipping or wrapping").isLessThan((mic + music) / 100);
        }
    }
}
