package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static dev.confab.meeting.audio.LipSync.Decision.DUE;
import static dev.confab.meeting.audio.LipSync.Decision.EARLY;
import static dev.confab.meeting.audio.LipSync.Decision.LATE;
import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class LipSyncTest {
    private static final long HEARD = 1_700_000_000_000_000L;

    @Test
    void videoIsShownWithTheSoundCapturedAtTheSameMoment() {
        assertThat(LipSync.decide(HEARD, HEARD)).isEqualTo(DUE);
        assertThat(LipSync.decide(HEARD + 15_000, HEARD)).isEqualTo(DUE);
        assertThat(LipSync.decide(HEARD - 40_000, HEARD)).isEqualTo(DUE);
    }

    @Test
    void videoAheadOfTheSoundWaitsAndVideoFarBehindIsSkipped() {
        assertThat(LipSync.decide(HEARD + 60_000, HEARD)).isEqualTo(EARLY);
        assertThat(LipSync.decide(HEARD - 80_000, HEARD)).isEqualTo(LATE);
    }

    @Test
    void withoutSoundVideoIsShownAsItComes() {
        assertThat(LipSync.decide(HEARD + 5_000_000, AudioReceiver.NO_AUDIO_CLOCK)).isEqualTo(DUE);
    }
}
