package dev.confab.meeting.audio;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The two meters of the own voice: what the microphone hears, and what is sent after processing. */
@IntegrationTest
class AudioSenderLevelTest {
    private static void feedTone(AudioSender sender, int chunks) {
        short[] chunk = new short[960];
        for (int n = 0; n < chunks; n++) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (short) (Math.sin(2 * Math.PI * 440 * (n * chunk.length + i) / 48_000.0) * 0.3 * Short.MAX_VALUE);
            }
            sender.onSamples(chunk, chunk.length, n * 20_000L);
        }
    }

    @Test
    void theInputMeterShowsWhatTheMicrophoneHearsEvenWhenProcessingRemovesIt() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        try (AudioSender sender = new AudioSender((header, payload) -> sent.incrementAndGet() > 0, false)) {
            sender.setProcessor((pcm, count) -> Arrays.fill(pcm, 0, count, (short) 0)); // a suppressor that removes it all
            feedTone(sender, 25);
            assertThat(sender.inputLevel().meter()).as("the microphone hears the tone").isGreaterThan(0.7);
            assertThat(sender.level().meter()).as("nothing of it is sent").isZero();
            assertThat(sent.get()).as("silence is still encoded and sent").isPositive();
        }
    }

    @Test
    void whileMutedBothMetersFallToSilence() throws Exception {
        try (AudioSender sender = new AudioSender((header, payload) -> true, false)) {
            feedTone(sender, 25);
            sender.setMuted(true);
            feedTone(sender, 150); // three seconds: the meters' slow release has run out
            assertThat(sender.inputLevel().meter()).isLessThan(0.01);
            assertThat(sender.level().meter()).isLessThan(0.01);
        }
    }
}
