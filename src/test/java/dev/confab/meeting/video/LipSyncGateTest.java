package dev.confab.meeting.video;

import dev.confab.meeting.audio.AudioReceiver;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class LipSyncGateTest {
    private static final long CAPTURED = 1_700_000_000_000_000L;

    /** An audio clock that moves on 2 ms each time it is read, so the test does not depend on the machine's speed. */
    private static final class SteppingClock {
        final AtomicLong heard;
        final AtomicLong reads = new AtomicLong();

        SteppingClock(long start) {
            heard = new AtomicLong(start);
        }

        long read() {
            reads.incrementAndGet();
            return heard.getAndAdd(2_000);
        }
    }

    @Test
    void frameAheadOfTheSoundIsHeldUntilTheSoundCatchesUp() throws InterruptedException {
        var clock = new SteppingClock(CAPTURED - 120_000); // the sound is 120 ms behind the picture
        var gate = new LipSyncGate(clock::read);

        gate.awaitDue(CAPTURED, () -> true);

        long heardWhenReleased = clock.heard.get() - 2_000;
        assertThat(CAPTURED - heardWhenReleased).isBetween(-2_000L, 0L);
        gate.shown(CAPTURED);
        LipSyncStats stats = gate.stats();
        assertThat(stats.framesHeld()).isEqualTo(1);
        assertThat(stats.framesShownWithSound()).isEqualTo(1);
        assertThat(stats.framesOutOfSync()).isZero();
        assertThat(stats.offsetP95Millis()).isLessThanOrEqualTo(45);
    }

    @Test
    void frameBehindTheSoundIsNotHeld() throws InterruptedException {
        var clock = new SteppingClock(CAPTURED + 30_000);
        var gate = new LipSyncGate(clock::read);

        gate.awaitDue(CAPTURED, () -> true);

        assertThat(clock.reads.get()).isEqualTo(1);
        assertThat(gate.stats().framesHeld()).isZero();
    }

    @Test
    void withoutSoundPicturesAreShownAsTheyComeAndNotCounted() throws InterruptedException {
        var gate = new LipSyncGate(() -> AudioReceiver.NO_AUDIO_CLOCK);

        gate.awaitDue(CAPTURED, () -> true);
        gate.shown(CAPTURED);

        LipSyncStats stats = gate.stats();
        assertThat(stats.framesHeld()).isZero();
        assertThat(stats.framesShownWithSound()).isZero();
        assertThat(stats.offsetP95Millis()).isNaN();
    }

    @Test
    void aPauseBetweenWordsKeepsTheSoundsDelayThenPicturesFlowFreelyAgain() throws InterruptedException {
        var now = new AtomicLong(CAPTURED);
        var speaking = new java.util.concurrent.atomic.AtomicBoolean(true);
        var gate = new LipSyncGate(() -> speaking.get() ? CAPTURED - 80_000 : AudioReceiver.NO_AUDIO_CLOCK,
                () -> now.getAndAdd(2_000));
        gate.shown(CAPTURED - 80_000); // the sound is heard 80 ms after it was captured

        speaking.set(false); // no sound is sent between words (DTX)
        long captured = now.get();
        gate.awaitDue(captured, () -> true);

        assertThat(now.get()).as("held for the sound's last delay").isBetween(captured + 80_000, captured + 90_000);
        assertThat(gate.stats().framesHeld()).isEqualTo(1);

        now.addAndGet(LipSyncGate.REMEMBER_LAG_MICROS); // silent for long: muted, or stopped talking
        long later = now.get();
        gate.awaitDue(later, () -> true);
        assertThat(now.get()).isLessThan(later + 10_000);
        assertThat(gate.stats().framesHeld()).isEqualTo(1);
    }

    @Test
    void aClockFarBehindIsNotFollowed() throws InterruptedException {
        var clock = new SteppingClock(CAPTURED - LipSyncGate.MAX_LEAD_MICROS - 1);
        var gate = new LipSyncGate(clock::read);

        gate.awaitDue(CAPTURED, () -> true);

        assertThat(clock.reads.get()).isEqualTo(1);
        gate.shown(CAPTURED);
        assertThat(gate.stats().framesOutOfSync()).isEqualTo(1);
    }

    @Test
    void holdingStopsWhenTheCallerCannotWaitAnyLonger() throws InterruptedException {
        var clock = new SteppingClock(CAPTURED - 500_000);
        var gate = new LipSyncGate(clock::read);
        var allowed = new AtomicLong(3);

        gate.awaitDue(CAPTURED, () -> allowed.getAndDecrement() > 0);

        assertThat(clock.reads.get()).isEqualTo(4);
        assertThat(gate.stats().framesHeld()).isEqualTo(1);
    }
}
