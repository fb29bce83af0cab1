package dev.confab.meeting.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AudioOutputsTest {

    @Test
    void aMissingOutputDeviceFallsBackToDiscardingInRealTimeAndSaysSo() throws Exception {
        try (AudioOutput output = AudioOutputs.openOrDiscard("No such speakers")) {
            assertThat(output.description()).isEqualTo(NullAudioOutput.DESCRIPTION);
            short[] frame = new short[960];
            output.awaitRoom(frame.length);
            output.write(frame, frame.length);
            output.write(frame, frame.length);
            assertThat(output.bufferedMicros()).as("two frames queued like a device buffer").isBetween(1L, 40_000L);
        }
        assertThat(AudioOutputs.deviceNames()).doesNotContain("No such speakers");
    }
}
