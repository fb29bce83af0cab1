package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class AudioOutputsTest {

    @Test
    void aMissingOutputDeviceFallsBackToTheDefaultOrToDiscardingInRealTimeAndSaysSo() throws Exception {
        try (AudioOutput output = AudioOutputs.openOrDiscard("No such speakers")) {
            assertThat(output.description()).as("never pretends to be the missing device").isNotEqualTo("No such speakers");
            if (AudioOutputs.deviceNames().isEmpty()) {
                assertThat(output.description()).as("no sound output on this machine").isEqualTo(NullAudioOutput.DESCRIPTION);
            }
            short[] frame = new short[960];
            output.awaitRoom(frame.length);
            output.write(frame, frame.length);
            output.write(frame, frame.length);
            assertThat(output.bufferedMicros()).as("two frames queued like a device buffer").isBetween(1L, 40_000L);
        }
        assertThat(AudioOutputs.deviceNames()).doesNotContain("No such speakers");
    }

    @Test
    void theTestChimeRisesFromSilenceToTwoNotesAndFadesOut() {
        int frames = 25;
        short[] frame = new short[960];
        AudioOutputs.chimeFrame(frame, 0, frames);
        assertThat(frame[0]).as("starts from silence: no click").isZero();
        assertThat(dev.confab.media.AudioLevel.rmsDbfs(frame, frame.length)).isGreaterThan(-40);
        AudioOutputs.chimeFrame(frame, frames / 2 + 1, frames);
        assertThat(dev.confab.media.AudioLevel.rmsDbfs(frame, frame.length)).as("second note, audible").isGreaterThan(-20);
        AudioOutputs.chimeFrame(frame, frames - 1, frames);
        assertThat(Math.abs(frame[frame.length - 1])).as("ends faded out").isLessThan(1000);
    }

    @Test
    void aTestChimeOnAMissingSpeakerSaysSoInsteadOfPlayingSomewhereElse() {
        assertThatThrownBy(() -> AudioOutputs.playTestChime("No such speakers"))
                .isInstanceOf(dev.confab.media.MediaException.class).hasMessageContaining("No such speakers");
    }
}
