package dev.confab.meeting.audio;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class JitterBufferTest {
    private static final long FRAME = JitterBuffer.FRAME_MICROS;
    private static final long CAPTURE_BASE = 1_700_000_000_000_000L;

    private final JitterBuffer buffer = new JitterBuffer();

    private final java.util.TreeMap<Long, List<Long>> arrivals = new java.util.TreeMap<>();

    /** Schedules packet {@code sequence} (captured 20 ms after its predecessor) to arrive at {@code arrivalMicros}. */
    private void offer(long sequence, long arrivalMicros) {
        arrivals.computeIfAbsent(arrivalMicros, t -> new ArrayList<>()).add(sequence);
    }

    /** Delivers the scheduled packets that have arrived by {@code nowMicros}. */
    private void deliver(long nowMicros) {
        while (!arrivals.isEmpty() && arrivals.firstKey() <= nowMicros) {
            var due = arrivals.pollFirstEntry();
            for (long sequence : due.getValue()) {
                buffer.offer(sequence, CAPTURE_BASE + sequence * FRAME, new byte[]{(byte) sequence}, due.getKey());
            }
        }
    }

    /** Polls every 20 ms from {@code fromMicros}; returns what each tick played. */
    private List<JitterBuffer.Playout> tick(long fromMicros, int ticks) {
        List<JitterBuffer.Playout> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            deliver(fromMicros + i * FRAME);
            out.add(buffer.poll(fromMicros + i * FRAME));
        }
        return out;
    }

    /** What a stretched packet adds or removes in {@link #play}: one period of a 440 Hz tone, four of them. */
    private static final long STRETCH_MICROS = 9_090;
    private long readyMicros;
    private int lengthened;
    private int shortened;
    private int extended;

    /**
     * Plays {@code ticks} 20 ms ticks from {@code fromMicros} as the player does: it polls whenever less than a
     * tick of decoded sound is left, a stretched packet lasts a period longer or shorter, and the sound it has is
     * made a period longer when the buffer asks it to wait for a late packet. Returns every playout.
     */
    private List<JitterBuffer.Playout> play(long fromMicros, int ticks) {
        List<JitterBuffer.Playout> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            long now = fromMicros + i * FRAME;
            deliver(now);
            while (readyMicros < FRAME) {
                JitterBuffer.Playout playout = buffer.poll(now, readyMicros, readyMicros >= 4_000);
                out.add(playout);
                if (playout instanceof JitterBuffer.Playout.Extend) {
                    readyMicros += Math.min(STRETCH_MICROS, readyMicros / 2); // a period must fit twice
                    extended++;
                    continue;
                }
                readyMicros += FRAME;
                if (playout instanceof JitterBuffer.Playout.Packet packet) {
                    switch (packet.stretch()) {
                        case LENGTHEN -> {
                            readyMicros += STRETCH_MICROS;
                            lengthened++;
                        }
                        case SHORTEN -> {
                            readyMicros -= STRETCH_MICROS;
                            shortened++;
                        }
                        case NONE -> {
                        }
                    }
                }
            }
            readyMicros -= FRAME;
        }
        return out;
    }

    private static int firstPacketIndex(List<JitterBuffer.Playout> playouts) {
        for (int i = 0; i < playouts.size(); i++) {
            if (playouts.get(i) instanceof JitterBuffer.Playout.Packet) {
                return i;
            }
        }
        throw new AssertionError("nothing played");
    }

    private static int lastPacketIndex(List<JitterBuffer.Playout> playouts) {
        for (int i = playouts.size() - 1; i >= 0; i--) {
            if (playouts.get(i) instanceof JitterBuffer.Playout.Packet) {
                return i;
            }
        }
        throw new AssertionError("nothing played");
    }

    private static List<Long> playedSequences(List<JitterBuffer.Playout> playouts) {
        return playouts.stream().filter(p -> p instanceof JitterBuffer.Playout.Packet)
                .map(p -> ((JitterBuffer.Playout.Packet) p).sequence()).toList();
    }

    @Test
    void reorderedPacketsArePlayedInSequence() {
        offer(0, 0);
        offer(2, 1_000);
        offer(1, 2_000);
        offer(3, 3_000);
        List<JitterBuffer.Playout> played = tick(0, 10);
        assertThat(playedSequences(played)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(buffer.counters().lost()).isZero();
    }

    @Test
    void nothingIsPlayedBeforeTheTargetDelayHasPassed() {
        offer(0, 0);
        deliver(0);
        assertThat(buffer.poll(1_000)).isInstanceOf(JitterBuffer.Playout.Silence.class);
        assertThat(buffer.poll(buffer.targetMicros())).isInstanceOf(JitterBuffer.Playout.Packet.class);
    }

    @Test
    void aMissingPacketIsConcealedAndCountedLost() {
        offer(0, 0);
        offer(1, FRAME);
        offer(3, 3 * FRAME);
        offer(4, 4 * FRAME);
        List<JitterBuffer.Playout> played = tick(FRAME, 5);
        assertThat(played.get(2)).isInstanceOfSatisfying(JitterBuffer.Playout.Conceal.class, conceal -> {
            assertThat(conceal.lost()).isTrue();
            assertThat(conceal.captureMicros()).isEqualTo(CAPTURE_BASE + 2 * FRAME);
        });
        assertThat(playedSequences(played)).containsExactly(0L, 1L, 3L, 4L);
        assertThat(buffer.counters().lost()).isEqualTo(1);
        assertThat(buffer.counters().concealed()).isEqualTo(1);
    }

    @Test
    void aPacketArrivingAfterItsSlotIsDroppedAsLate() {
        offer(0, 0);
        offer(2, 2 * FRAME);
        offer(3, 3 * FRAME);
        offer(1, 5 * FRAME);
        List<JitterBuffer.Playout> played = tick(FRAME, 5);
        assertThat(playedSequences(played)).containsExactly(0L, 2L, 3L);
        assertThat(buffer.counters().late()).isEqualTo(1);
    }

    @Test
    void aPauseInSendingIsNotALoss() {
        for (int i = 0; i < 5; i++) {
            offer(i, i * FRAME);
        }
        tick(FRAME, 12); // plays 5, conceals a few underrun frames, then falls silent
        JitterBuffer.Playout idle = buffer.poll(20 * FRAME);
        assertThat(idle).isInstanceOf(JitterBuffer.Playout.Silence.class);
        // DTX or unmute: the sender carries on with the next sequence number, much later.
        buffer.offer(5, CAPTURE_BASE + 60 * FRAME, new byte[]{5}, 60 * FRAME);
        List<JitterBuffer.Playout> resumed = tick(61 * FRAME + buffer.targetMicros(), 1);
        assertThat(playedSequences(resumed)).containsExactly(5L);
        assertThat(buffer.counters().lost()).isZero();
    }

    @Test
    void lateSoundThatResumesWhereItStoppedCountsEverySilentSlotAsConcealed() {
        for (int i = 0; i < 5; i++) {
            offer(i, i * FRAME);
        }
        for (int i = 5; i < 20; i++) {
            offer(i, 20 * FRAME); // stuck behind something for 300 ms, then all at once
        }
        List<JitterBuffer.Playout> played = tick(FRAME, 25);
        int first = firstPacketIndex(played);
        int last = lastPacketIndex(played);
        long slotsWithoutSound = played.subList(first, last).stream()
                .filter(p -> !(p instanceof JitterBuffer.Playout.Packet)).count();
        assertThat(buffer.counters().lost()).as("nothing lost, only late (the burst is thinned, not lost)").isZero();
        assertThat(slotsWithoutSound).as("the gap the listener heard").isGreaterThan(3);
        assertThat(buffer.counters().concealed()).as("every slot of it, not only the first three")
                .isEqualTo(slotsWithoutSound);
    }

    @Test
    void aSenderPauseIsNotCountedAsConcealedBeyondItsFadeOut() {
        for (int i = 0; i < 5; i++) {
            offer(i, i * FRAME);
        }
        tick(FRAME, 20);
        buffer.offer(5, CAPTURE_BASE + 40 * FRAME, new byte[]{5}, 40 * FRAME); // resumes 35 frames later
        assertThat(playedSequences(tick(41 * FRAME + buffer.targetMicros(), 1))).containsExactly(5L);
        assertThat(buffer.counters().concealed()).as("the fade-out only").isEqualTo(3);
    }

    @Test
    void targetGrowsWithJitterAndStaysBounded() {
        long steadyTarget;
        for (int i = 0; i < 100; i++) {
            offer(i, i * FRAME);
        }
        deliver(100 * FRAME);
        steadyTarget = buffer.targetMicros();
        assertThat(steadyTarget).isEqualTo(JitterBuffer.MIN_TARGET_MICROS);

        JitterBuffer jittery = new JitterBuffer();
        for (int i = 0; i < 200; i++) {
            long wobble = (i % 2 == 0) ? 0 : 15_000;
            jittery.offer(i, CAPTURE_BASE + i * FRAME, new byte[1], i * FRAME + wobble);
        }
        assertThat(jittery.targetMicros()).isGreaterThan(steadyTarget).isLessThanOrEqualTo(JitterBuffer.MAX_TARGET_MICROS);

        JitterBuffer wild = new JitterBuffer();
        for (int i = 0; i < 200; i++) {
            long wobble = (i % 2 == 0) ? 0 : 2_000_000;
            wild.offer(i, CAPTURE_BASE + i * FRAME, new byte[1], i * FRAME + wobble);
        }
        assertThat(wild.targetMicros()).isEqualTo(JitterBuffer.MAX_TARGET_MICROS);
    }

    /**
     * Packets 20 ms apart, on time except two spikes of a narrowed link (sound queued behind video): packets of the
     * first spike arrive together 250 ms late, those of the second, a second later, 150 ms late.
     */
    private void twoDelaySpikes() {
        for (int i = 0; i < 250; i++) {
            long due = i * FRAME;
            long arrival = i >= 100 && i < 113 ? 112 * FRAME + 250_000 - 12 * FRAME // the first spike
                    : i >= 150 && i < 157 ? 156 * FRAME + 150_000 - 6 * FRAME // the second
                    : due;
            offer(i, Math.max(due, arrival));
        }
    }

    @Test
    void onAConstrainedLinkAfterADelaySpikeTheNextIsRiddenOutAndTheDelayShrinksOnceTheyStop() {
        buffer.rideOutSpikes(true);
        twoDelaySpikes();
        tick(0, 100);
        long concealedBefore = buffer.counters().concealed();
        tick(100 * FRAME, 50);
        long concealedInFirstSpike = buffer.counters().concealed() - concealedBefore;
        assertThat(buffer.targetMicros()).as("the buffer now holds the spike's size, up to its limit")
                .isEqualTo(JitterBuffer.MAX_TARGET_MICROS);

        tick(150 * FRAME, 60);
        assertThat(buffer.counters().concealed() - concealedBefore - concealedInFirstSpike)
                .as("frames concealed in the second spike").isZero();
        assertThat(buffer.counters().late()).as("none dropped as late").isZero();

        tick(210 * FRAME, 40);
        for (int i = 250; i < 600; i++) {
            offer(i, i * FRAME);
        }
        tick(250 * FRAME, 350);
        assertThat(buffer.targetMicros()).as("three seconds without a spike: back to the minimum")
                .isEqualTo(JitterBuffer.MIN_TARGET_MICROS);
    }

    @Test
    void onALinkWithRoomASpikeDoesNotKeepTheDelayUp() {
        twoDelaySpikes();
        tick(0, 115);
        assertThat(buffer.targetMicros()).as("a moment of this computer's own load, not the link")
                .isLessThan(150_000);
    }

    @Test
    void aBurstFarBeyondTheTargetIsTrimmedByDroppingFramesAndTheRestByShortening() {
        offer(0, 0);
        for (int i = 1; i < 30; i++) {
            offer(i, 2 * FRAME); // after a stall, 580 ms of sound arriving at once
        }
        for (int i = 30; i < 100; i++) {
            offer(i, i * FRAME - 28 * FRAME); // then in real time
        }
        List<JitterBuffer.Playout> played = play(FRAME, 70);
        assertThat(buffer.counters().discarded()).as("frames dropped while more than 300 ms over the target")
                .isBetween(1L, 14L);
        assertThat(shortened).as("the rest worked off by shortening").isPositive();
        assertThat(buffer.counters().lost()).isZero();
        assertThat(buffer.counters().concealed()).isZero();
        assertThat(playedSequences(played).getLast()).as("playing close to what arrived last")
                .isGreaterThanOrEqualTo(69 + 28 - 4);
    }

    @Test
    void aStandingQueueLeftByAStallIsWorkedOffByShorteningWithoutDroppingSound() {
        for (int i = 0; i < 5; i++) {
            offer(i, 4 * FRAME); // the first 100 ms arrive together after a stall
        }
        for (int i = 5; i < 120; i++) {
            offer(i, i * FRAME); // then in real time
        }
        List<JitterBuffer.Playout> played = play(5 * FRAME, 100);
        assertThat(buffer.counters().discarded()).as("no sound dropped").isZero();
        assertThat(buffer.counters().lost()).isZero();
        assertThat(buffer.counters().concealed()).isZero();
        assertThat(shortened).as("the extra 60-80 ms shortened away, a period at a time").isBetween(4, 12);
        assertThat(playedSequences(played).getLast()).as("playing close to what arrived last")
                .isGreaterThanOrEqualTo(5 + 100 - 3);
    }

    @Test
    void aDelayThatCreepsUpIsAbsorbedByLengtheningInsteadOfGaps() {
        // Packets on time, then for 40 packets each arrives 3 ms later than the one before (a queue building up
        // at 15 % over the link's rate), then the delay stays. The cushion of ~25 ms would run dry after ~8 of them.
        for (int i = 0; i < 200; i++) {
            long creep = Math.clamp(i - 50, 0, 40) * 3_000L;
            offer(i, i * FRAME + creep);
        }
        play(0, 207); // up to the last packet: after it the sender has stopped (that fade-out is concealed)
        assertThat(lengthened + extended).as("sound lengthened while the delay crept up").isPositive();
        assertThat(buffer.counters().concealed()).as("no gap was concealed").isZero();
        assertThat(buffer.counters().played()).isEqualTo(200);
    }

    @Test
    void onACleanNetworkNothingIsStretched() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            offer(i, i * FRAME + random.nextInt(3_000)); // 0-3 ms of jitter
        }
        play(0, 1_000);
        assertThat(lengthened + shortened + extended).as("sound stretched").isZero();
        assertThat(buffer.counters().concealed()).isZero();
    }

    @Test
    void sequenceNumbersWrapAround() {
        long last = 0xFFFF_FFFFL;
        buffer.offer(last - 1, CAPTURE_BASE, new byte[1], 0);
        buffer.offer(last, CAPTURE_BASE + FRAME, new byte[1], FRAME);
        buffer.offer(0, CAPTURE_BASE + 2 * FRAME, new byte[1], 2 * FRAME);
        List<JitterBuffer.Playout> played = tick(3 * FRAME, 3);
        assertThat(played).allMatch(p -> p instanceof JitterBuffer.Playout.Packet);
        assertThat(buffer.counters().lost()).isZero();
    }

    @Test
    void duplicatesAreIgnored() {
        offer(0, 0);
        offer(0, 100);
        deliver(100);
        assertThat(buffer.counters().duplicates()).isEqualTo(1);
    }
}
