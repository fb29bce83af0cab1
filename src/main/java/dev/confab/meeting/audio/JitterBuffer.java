package dev.confab.meeting.audio;

import java.util.TreeMap;

/**
 * One remote participant's adaptive jitter buffer for 20 ms Opus packets. Packets are ordered by sequence
 * number; the mixer takes one {@link Playout} per 20 ms tick. Playback starts (and restarts after an
 * underrun) once the oldest packet has waited the target delay, which follows the measured inter-arrival
 * jitter (RFC 3550 estimator) within [{@link #MIN_TARGET_MICROS}, {@link #MAX_TARGET_MICROS}]. While the
 * downlink is known to be constrained ({@link #rideOutSpikes}) the target also covers the highest lateness of the
 * last few seconds ({@link DelayPeak}): on a narrow link sound waits behind every larger video frame, and after
 * one such spike the next is ridden out instead of running dry again. On a link with room that is not done: there
 * a spike is a moment of this computer's own load, and holding its size would only add delay.
 *
 * <p>A sequence gap at play time is concealed (libopus PLC); a packet that arrives after its slot was
 * concealed is dropped as late. Sender-side DTX withholds packets without skipping sequence numbers, so a
 * DTX pause is an underrun here (a few frames of concealment fading out, then silence), not a loss. Sound
 * that was only late, though, resumes where it stopped: then every silent slot of that underrun counts as
 * concealed too (the listener heard a gap in continuous sound, as WebRTC counts it in its concealed samples);
 * before, only the first {@code MAX_UNDERRUN_CONCEALMENT} slots of a long gap were counted.
 *
 * <p>The delay follows the target by time-stretching the sound, as WebRTC's NetEQ does, instead of by gaps: a
 * packet played with little cushion behind it (nothing else buffered, and it waited well under the target) is
 * marked {@link Stretch#LENGTHEN} (the player repeats one pitch period, {@link TimeStretch}), so the buffer grows
 * before it runs dry; while a standing queue or a burst holds more than the target, packets are marked
 * {@link Stretch#SHORTEN} (one period removed). Only a burst far beyond the target (over
 * {@code DROP_EXCESS_MICROS}) still drops a whole frame per tick, since shortening would take seconds.
 *
 * <p>Thread-safe: the network thread offers, the mixer thread polls; both hold the lock only briefly.
 * Times are microseconds on one monotonic receiver clock ({@code arrivalMicros}, {@code nowMicros});
 * capture times are the sender's.
 */
public final class JitterBuffer {
    public static final long FRAME_MICROS = 20_000;
    public static final long MIN_TARGET_MICROS = 20_000;
    public static final long MAX_TARGET_MICROS = 200_000;
    /** Target = one frame + this many times the jitter estimate: covers almost all arrival spread. */
    private static final double JITTER_MULTIPLIER = 2.5;
    /** Underrun frames concealed before the buffer falls silent and waits to refill. */
    private static final int MAX_UNDERRUN_CONCEALMENT = 3;
    /** Deeper than target + this right now (a burst), packets are shortened. */
    private static final long BURST_EXCESS_MICROS = 5 * FRAME_MICROS;
    /** Deeper than target + this, a whole frame is dropped per tick: shortening alone would take seconds. */
    private static final long DROP_EXCESS_MICROS = 15 * FRAME_MICROS;
    /** Ticks over which the shortest wait is watched for a standing queue. */
    private static final int DEPTH_WINDOW_TICKS = 10;
    /** More packets than this (4 s) means the mixer is not polling; the oldest are discarded. */
    private static final int CAPACITY = 200;

    /** How the player should stretch a packet's sound to move the delay towards the target. */
    public enum Stretch {
        NONE,
        /** Little cushion is left: make it one pitch period longer, so the buffer grows without a gap. */
        LENGTHEN,
        /** More than the target is buffered: make it one pitch period shorter. */
        SHORTEN
    }

    /** What the player plays next for this participant: 20 ms of sound (before any stretching). */
    public sealed interface Playout {
        /** Decode this packet and stretch it as asked, where its sound allows. */
        record Packet(long sequence, long captureMicros, byte[] payload, Stretch stretch) implements Playout {
        }

        /** The packet for this slot is missing: synthesise it. {@code lost} when a later packet proves it lost. */
        record Conceal(long captureMicros, boolean lost) implements Playout {
        }

        /**
         * The next packet is not here yet, but the player still has decoded sound: make that one pitch period
         * longer and ask again, instead of a concealed gap. Only offered while the player says it can.
         */
        record Extend() implements Playout {
        }

        /** Nothing to play (not started, refilling, or the sender is silent). */
        record Silence() implements Playout {
        }
    }

    /** Counters for stats; a snapshot. */
    public record Counters(long received, long played, long lost, long late, long concealed, long duplicates,
                           long discarded, double jitterMillis, long targetMicros) {
    }

    private record Entry(long captureMicros, byte[] payload, long arrivalMicros) {
    }

    private static final Playout SILENCE = new Playout.Silence();
    private static final Playout EXTEND = new Playout.Extend();
    /** Extensions in a row while the next packet is late: about 10-30 ms, then concealment takes over. */
    private static final int MAX_EXTENSIONS = 3;

    /** Packets keyed by unwrapped sequence number. */
    private final TreeMap<Long, Entry> packets = new TreeMap<>();
    private boolean playing;
    private long nextSequence;
    private long nextCaptureMicros;
    private long lastPlayedSequence = -1;
    private int underrunFrames;
    private int extensions;
    /** Silent slots since an underrun stopped playback, or -1 when not stopped by one. */
    private long silentSlots = -1;
    /** The capture time of the packet that underrun waited for. */
    private long awaitedCaptureMicros;
    private int windowTicks;
    private long windowMinWait = Long.MAX_VALUE;
    private boolean standingQueue;
    private long highestUnwrapped = -1;

    private boolean haveTransit;
    private long lastArrival;
    private long lastCapture;
    private double jitterMicros;
    private final DelayPeak peak = new DelayPeak();
    private boolean rideOutSpikes;

    private long received;
    private long played;
    private long lost;
    private long late;
    private long concealed;
    private long duplicates;
    private long discarded;

    /** Adds a packet (network thread). Late and duplicate packets are counted and dropped. */
    public synchronized void offer(long wireSequence, long captureMicros, byte[] payload, long arrivalMicros) {
        received++;
        long sequence = unwrap(wireSequence);
        updateJitter(captureMicros, arrivalMicros);
        peak.arrived(captureMicros, arrivalMicros);
        if (sequence <= lastPlayedSequence || (playing && sequence < nextSequence)) {
            late++;
            return;
        }
        if (packets.putIfAbsent(sequence, new Entry(captureMicros, payload, arrivalMicros)) != null) {
            duplicates++;
            return;
        }
        while (packets.size() > CAPACITY) {
            packets.pollFirstEntry();
            discarded++;
        }
    }

    /** What to play in this 20 ms tick (mixer thread), with no decoded sound waiting ahead of it. */
    public Playout poll(long nowMicros) {
        return poll(nowMicros, 0, false);
    }

    /**
     * The next 20 ms to play (mixer thread), polled whenever the player's decoded sound runs short of a tick.
     *
     * @param aheadMicros decoded sound the player still has to play before this (after a lengthened packet)
     * @param extendable  whether the player could make that sound longer ({@link Playout.Extend})
     */
    public synchronized Playout poll(long nowMicros, long aheadMicros, boolean extendable) {
        if (!playing) {
            if (packets.isEmpty() || nowMicros - packets.firstEntry().getValue().arrivalMicros() < targetMicros()) {
                if (silentSlots >= 0) {
                    silentSlots++;
                }
                return SILENCE;
            }
            start();
        }
        Stretch stretch = adjustDepth(nowMicros, aheadMicros);
        Entry due = packets.remove(nextSequence);
        if (due != null) {
            underrunFrames = 0;
            extensions = 0;
            // The cushion is how long the packet waited here: sound the player decoded ahead is played first, but
            // the player still asks for the next packet at the same moments until it holds a whole tick more.
            if (stretch == Stretch.NONE && packets.isEmpty()
                    && nowMicros - due.arrivalMicros() < targetMicros() - FRAME_MICROS / 2) {
                stretch = Stretch.LENGTHEN; // the next packet is due as soon as it arrives: make room for lateness
            }
            return play(nextSequence, due, stretch);
        }
        if (!packets.isEmpty()) {
            // A later packet is here, so the one for this slot is lost or late: conceal it and move on.
            return concealLost();
        }
        if (extendable && underrunFrames == 0 && extensions < MAX_EXTENSIONS) {
            extensions++;
            return EXTEND;
        }
        if (underrunFrames < MAX_UNDERRUN_CONCEALMENT) {
            // Nothing buffered: a late packet or a sender pause (DTX, mute). Fill the slot without giving
            // up on the expected packet, which then plays one frame later (the delay grows by a frame).
            underrunFrames++;
            concealed++;
            nextCaptureMicros += FRAME_MICROS;
            return new Playout.Conceal(nextCaptureMicros - FRAME_MICROS, false);
        }
        playing = false;
        silentSlots = 1;
        awaitedCaptureMicros = nextCaptureMicros - underrunFrames * FRAME_MICROS;
        return SILENCE;
    }

    /** The current playout delay target (adaptive, bounded). */
    public synchronized long targetMicros() {
        long spikes = rideOutSpikes ? peak.peakMicros() : 0;
        long wanted = FRAME_MICROS + Math.max(Math.round(JITTER_MULTIPLIER * jitterMicros), spikes);
        return Math.clamp(wanted, MIN_TARGET_MICROS, MAX_TARGET_MICROS);
    }

    /** Whether the target covers recent delay spikes: true while the downlink is known to be constrained. */
    public synchronized void rideOutSpikes(boolean on) {
        rideOutSpikes = on;
    }

    public synchronized Counters counters() {
        return new Counters(received, played, lost, late, concealed, duplicates, discarded, jitterMicros / 1000.0,
                targetMicros());
    }

    private void start() {
        playing = true;
        underrunFrames = 0;
        long first = packets.firstKey();
        if (lastPlayedSequence >= 0 && first > lastPlayedSequence + 1) {
            // Packets that never came while we were refilling.
            lost += first - lastPlayedSequence - 1;
        }
        long firstCapture = packets.firstEntry().getValue().captureMicros();
        if (silentSlots > 0 && first == lastPlayedSequence + 1
                && Math.abs(firstCapture - awaitedCaptureMicros) < FRAME_MICROS / 2) {
            concealed += silentSlots; // the awaited packet itself: late sound, not a pause at the sender
        }
        silentSlots = -1;
        nextSequence = first;
        nextCaptureMicros = firstCapture;
    }

    /**
     * Keeps the delay near the target: a standing queue (over 200 ms, even the quickest packet waited a whole frame
     * longer than the target asks, e.g. after a stall or an underrun) or a burst beyond it is shortened packet by
     * packet; a burst far beyond it loses one frame per tick.
     */
    private Stretch adjustDepth(long nowMicros, long aheadMicros) {
        Entry due = packets.get(nextSequence);
        if (due != null) {
            windowMinWait = Math.min(windowMinWait, nowMicros - due.arrivalMicros() + aheadMicros);
        }
        if (++windowTicks >= DEPTH_WINDOW_TICKS) {
            standingQueue = windowMinWait != Long.MAX_VALUE && windowMinWait >= targetMicros() + FRAME_MICROS;
            windowTicks = 0;
            windowMinWait = Long.MAX_VALUE;
        }
        long depth = packets.isEmpty() ? 0 : (packets.lastKey() - nextSequence) * FRAME_MICROS + aheadMicros;
        if (packets.size() >= 2 && depth > targetMicros() + DROP_EXCESS_MICROS) {
            Entry skipped = packets.remove(nextSequence);
            if (skipped != null) {
                discarded++;
                lastPlayedSequence = nextSequence;
            }
            nextSequence++;
            nextCaptureMicros += FRAME_MICROS;
            return Stretch.SHORTEN;
        }
        return packets.size() >= 2 && (standingQueue || depth > targetMicros() + BURST_EXCESS_MICROS)
                ? Stretch.SHORTEN : Stretch.NONE;
    }

    private Playout play(long sequence, Entry entry, Stretch stretch) {
        played++;
        lastPlayedSequence = sequence;
        nextSequence = sequence + 1;
        nextCaptureMicros = entry.captureMicros() + FRAME_MICROS;
        return new Playout.Packet(sequence, entry.captureMicros(), entry.payload(), stretch);
    }

    private Playout concealLost() {
        lost++;
        concealed++;
        long capture = nextCaptureMicros;
        lastPlayedSequence = nextSequence;
        nextSequence++;
        nextCaptureMicros += FRAME_MICROS;
        return new Playout.Conceal(capture, true);
    }

    /** RFC 3550 §6.4.1: J += (|D| - J) / 16, D the change in transit time between consecutive arrivals. */
    private void updateJitter(long captureMicros, long arrivalMicros) {
        if (haveTransit) {
            long difference = (arrivalMicros - lastArrival) - (captureMicros - lastCapture);
            jitterMicros += (Math.abs(difference) - jitterMicros) / 16.0;
        }
        haveTransit = true;
        lastArrival = arrivalMicros;
        lastCapture = captureMicros;
    }

    /** Extends the 32-bit wire sequence to a monotonic long, taking the value nearest to the highest seen. */
    private long unwrap(long wireSequence) {
        if (highestUnwrapped < 0) {
            highestUnwrapped = wireSequence;
            return wireSequence;
        }
        long cycle = highestUnwrapped & ~0xFFFF_FFFFL;
        long candidate = cycle | wireSequence;
        if (candidate - highestUnwrapped > 0x8000_0000L) {
            candidate -= 0x1_0000_0000L;
        } else if (highestUnwrapped - candidate > 0x8000_0000L) {
            candidate += 0x1_0000_0000L;
        }
        highestUnwrapped = Math.max(highestUnwrapped, candidate);
        return candidate;
    }
}
