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
 * before, only the first {@code MAX_UNDERRUN_CONCEALMENT} slots of a long gap were counted. When
 * a burst leaves the buffer much deeper than the target, one frame is dropped per tick to bring the delay
 * back down.
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
    /** Deeper than target + this right now (a burst), a frame is dropped at once. */
    private static final long BURST_EXCESS_MICROS = 5 * FRAME_MICROS;
    /** Ticks over which the shortest wait is watched for a standing queue. */
    private static final int DEPTH_WINDOW_TICKS = 10;
    /** More packets than this (4 s) means the mixer is not polling; the oldest are discarded. */
    private static final int CAPACITY = 200;

    /** What the mixer plays for this participant in the current tick. */
    public sealed interface Playout {
        /** Decode this packet. */
        record Packet(long sequence, long captureMicros, byte[] payload) implements Playout {
        }

        /** The packet for this slot is missing: synthesise it. {@code lost} when a later packet proves it lost. */
        record Conceal(long captureMicros, boolean lost) implements Playout {
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

    /** Packets keyed by unwrapped sequence number. */
    private final TreeMap<Long, Entry> packets = new TreeMap<>();
    private boolean playing;
    private long nextSequence;
    private long nextCaptureMicros;
    private long lastPlayedSequence = -1;
    private int underrunFrames;
    /** Silent slots since an underrun stopped playback, or -1 when not stopped by one. */
    private long silentSlots = -1;
    /** The capture time of the packet that underrun waited for. */
    private long awaitedCaptureMicros;
    private int windowTicks;
    private long windowMinWait = Long.MAX_VALUE;
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

    /** What to play in this 20 ms tick (mixer thread). */
    public synchronized Playout poll(long nowMicros) {
        if (!playing) {
            if (packets.isEmpty() || nowMicros - packets.firstEntry().getValue().arrivalMicros() < targetMicros()) {
                if (silentSlots >= 0) {
                    silentSlots++;
                }
                return SILENCE;
            }
            start();
        }
        dropExcess(nowMicros);
        Entry due = packets.remove(nextSequence);
        if (due != null) {
            underrunFrames = 0;
            return play(nextSequence, due);
        }
        if (!packets.isEmpty()) {
            // A later packet is here, so the one for this slot is lost or late: conceal it and move on.
            return concealLost();
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
     * Keeps the delay near the target: a burst far beyond it is cut at once; a standing queue (over 200
     * ms, even the quickest packet waited a whole frame longer than the target asks, e.g. after a
     * stall or an underrun) loses one frame per 200 ms, which is barely audible.
     */
    private void dropExcess(long nowMicros) {
        Entry due = packets.get(nextSequence);
        if (due != null) {
            windowMinWait = Math.min(windowMinWait, nowMicros - due.arrivalMicros());
        }
        long depth = packets.isEmpty() ? 0 : (packets.lastKey() - nextSequence) * FRAME_MICROS;
        boolean standingQueue = false;
        if (++windowTicks >= DEPTH_WINDOW_TICKS) {
            standingQueue = windowMinWait != Long.MAX_VALUE && windowMinWait >= targetMicros() + FRAME_MICROS;
            windowTicks = 0;
            windowMinWait = Long.MAX_VALUE;
        }
        if (packets.size() >= 2 && (standingQueue || depth > targetMicros() + BURST_EXCESS_MICROS)) {
            Entry skipped = packets.remove(nextSequence);
            if (skipped != null) {
                discarded++;
                lastPlayedSequence = nextSequence;
            }
            nextSequence++;
            nextCaptureMicros += FRAME_MICROS;
        }
    }

    private Playout play(long sequence, Entry entry) {
        played++;
        lastPlayedSequence = sequence;
        nextSequence = sequence + 1;
        nextCaptureMicros = entry.captureMicros() + FRAME_MICROS;
        return new Playout.Packet(sequence, entry.captureMicros(), entry.payload());
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
