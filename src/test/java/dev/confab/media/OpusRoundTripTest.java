package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@IntegrationTest
class OpusRoundTripTest {
    private static final int CHUNK = AudioEncoder.FRAME_SAMPLES;
    private static final long START_MICROS = 1_700_000_000_000_000L;

    private record Chunk(short[] pcm, long captureTimeMicros) {
    }

    private final List<Chunk> received = new ArrayList<>();

    private AudioFrameListener collector() {
        return (pcm, count, time) -> received.add(new Chunk(Arrays.copyOf(pcm, count), time));
    }

    @Test
    void aToneSurvivesEncodingAndDecodingAtTheSameLevelAndPitch() throws Exception {
        short[] tone = Signals.sine(440, 0.3, CHUNK * 50);
        List<EncodedPacket> packets = new ArrayList<>();
        try (AudioEncoder encoder = new AudioEncoder(32_000, false);
             AudioDecoder decoder = new AudioDecoder(collector())) {
            assertThat(encoder.unusedOptions()).isEmpty();
            for (int i = 0; i < 50; i++) {
                short[] chunk = Arrays.copyOfRange(tone, i * CHUNK, (i + 1) * CHUNK);
                encoder.encode(chunk, CHUNK, START_MICROS + i * 20_000L, packets::add);
            }
            for (EncodedPacket packet : packets) {
                decoder.decode(packet);
            }
        }

        assertThat(packets).hasSizeBetween(48, 50);
        assertThat(packets).allMatch(packet -> packet.data().length < 32_000 / 8 / 50 * 3);
        assertThat(received).allMatch(chunk -> chunk.pcm().length == CHUNK);
        Chunk late = received.get(40);
        assertThat(late.captureTimeMicros()).isEqualTo(packets.get(40).captureTimeMicros());
        assertThat(AudioLevel.rmsDbfs(late.pcm(), CHUNK))
                .isCloseTo(AudioLevel.rmsDbfs(Arrays.copyOf(tone, CHUNK), CHUNK), within(2.0));
        assertThat(Signals.powerAt(late.pcm(), CHUNK, 440)).isGreaterThan(100 * Signals.powerAt(late.pcm(), CHUNK, 1000));
    }

    @Test
    void aLostPacketIsConcealedWithTwentyMillisecondsOfSound() throws Exception {
        short[] tone = Signals.sine(440, 0.3, CHUNK * 10);
        try (AudioEncoder encoder = new AudioEncoder(32_000, false);
             AudioDecoder decoder = new AudioDecoder(collector())) {
            for (int i = 0; i < 10; i++) {
                short[] chunk = Arrays.copyOfRange(tone, i * CHUNK, (i + 1) * CHUNK);
                encoder.encode(chunk, CHUNK, START_MICROS + i * 20_000L, packet -> decodeQuietly(decoder, packet));
            }
            received.clear();

            decoder.conceal(START_MICROS + 200_000L);
        }

        assertThat(received).hasSize(1);
        Chunk concealed = received.getFirst();
        assertThat(concealed.pcm()).hasSize(CHUNK);
        assertThat(concealed.captureTimeMicros()).isEqualTo(START_MICROS + 200_000L);
        assertThat(AudioLevel.rmsDbfs(concealed.pcm(), CHUNK)).as("continues the tone, not a gap").isGreaterThan(-40);
    }

    @Test
    void withDtxSustainedSilenceIsMostlyNotSentButSpeechIs() throws Exception {
        short[] silence = new short[CHUNK];
        short[] speech = Signals.sine(440, 0.3, CHUNK);
        List<EncodedPacket> withDtx = new ArrayList<>();
        List<EncodedPacket> withoutDtx = new ArrayList<>();
        try (AudioEncoder dtx = new AudioEncoder(32_000, true);
             AudioEncoder plain = new AudioEncoder(32_000, false)) {
            for (int i = 0; i < 100; i++) {
                dtx.encode(silence, CHUNK, START_MICROS + i * 20_000L, withDtx::add);
                plain.encode(silence, CHUNK, START_MICROS + i * 20_000L, withoutDtx::add);
            }
            int sentDuringSilence = withDtx.size();
            dtx.encode(speech, CHUNK, START_MICROS + 100 * 20_000L, withDtx::add);

            assertThat(withoutDtx).hasSize(100);
            assertThat(sentDuringSilence).as("hangover plus a keep-alive every 400 ms").isBetween(11, 20);
            assertThat(withDtx).hasSize(sentDuringSilence + 1);
            assertThat(withDtx.getLast().captureTimeMicros()).isEqualTo(START_MICROS + 100 * 20_000L);
        }
    }

    @Test
    void corruptAudioIsReportedAndDecodingContinues() throws Exception {
        try (AudioEncoder encoder = new AudioEncoder(32_000, false);
             AudioDecoder decoder = new AudioDecoder(collector())) {
            byte[] garbage = {(byte) 0xFF, (byte) 0xFF, 0, 1, 2, 3};
            try {
                decoder.decode(garbage, 0, garbage.length, START_MICROS);
            } catch (MediaException expected) {
                assertThat(expected.getMessage()).contains("Opus");
            }
            received.clear();
            encoder.encode(Signals.sine(440, 0.3, CHUNK), CHUNK, START_MICROS, packet -> decodeQuietly(decoder, packet));

            assertThat(received).hasSize(1);
            assertThatThrownBy(() -> encoder.encode(new short[100], 100, START_MICROS, packet -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void decodeQuietly(AudioDecoder decoder, EncodedPacket packet) {
        try {
            decoder.decode(packet);
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }
}
