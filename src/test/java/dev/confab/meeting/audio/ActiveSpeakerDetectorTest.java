package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ActiveSpeakerDetectorTest {
    private static final long TICK = 20_000;
    private static final double SPEECH = -20;
    private static final double QUIET = -90;

    private final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
    private long now;

    private void run(int ticks, double levelA, double levelB) {
        for (int i = 0; i < ticks; i++) {
            now += TICK;
            detector.observe(1, levelA, now);
            detector.observe(2, levelB, now);
            detector.evaluate(now);
        }
    }

    @Test
    void aShortSoundDoesNotMakeSomeoneTheSpeaker() {
        run(5, SPEECH, QUIET); // 100 ms: a cough
        run(20, QUIET, QUIET);
        assertThat(detector.activeSpeaker()).isEmpty();
    }

    @Test
    void theSpeakerSwitchesWhenOneStopsAndTheOtherStarts() {
        run(25, SPEECH, QUIET);
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(1));
        assertThat(detector.isSpeaking(1, now)).isTrue();

        run(10, QUIET, SPEECH); // 200 ms of B: not yet
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(1));
        run(10, QUIET, SPEECH);
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(2));
        assertThat(detector.isSpeaking(1, now)).isFalse();
    }

    @Test
    void theLastSpeakerStaysActiveThroughSilence() {
        run(25, SPEECH, QUIET);
        run(200, QUIET, QUIET);
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aSlightlyLouderInterrupterDoesNotTakeOverButAMuchLouderOneDoesAfterTheHold() {
        run(25, -30, QUIET);
        run(30, -30, -27);
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(1));
        run(60, -30, -10);
        assertThat(detector.activeSpeaker()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void aDepartedSpeakerIsForgotten() {
        run(25, SPEECH, QUIET);
        assertThat(detector.remove(1)).isTrue();
        assertThat(detector.activeSpeaker()).isEmpty();
    }
}
