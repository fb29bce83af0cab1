package dev.confab.meeting.audio;

import java.util.ArrayDeque;

/**
 * One voice's decoded sound waiting to be played. A stretched packet is longer or shorter than the mixer's 20 ms
 * tick, so what a tick plays can begin inside one block and end in the next; each block remembers the capture time
 * of its first sample and what it was (received, concealed, silence), so a tick still knows when the sound it
 * starts with was captured (mouth-to-ear latency, lip sync). Mixer thread only.
 */
final class ReadySound {

    /** What a block of sound was made from. */
    enum Kind {
        RECEIVED, CONCEALED, SILENCE
    }

    /** The sound a tick starts with: its kind and the capture time (sender clock) of its first sample. */
    record Head(Kind kind, long captureMicros) {
    }

    /** A block of {@code samples} samples standing for {@code captureSpanMicros} of the sender's capture time. */
    private record Block(Kind kind, long captureMicros, int samples, long captureSpanMicros) {
        long captureAt(int offset) {
            return captureMicros + captureSpanMicros * offset / samples;
        }
    }

    private final short[] samples;
    private final short[] scratch;
    private final long microsPerSample;
    private final ArrayDeque<Block> blocks = new ArrayDeque<>();
    private int length;
    /** Samples of the first block already played. */
    private int headOffset;
    /** Of the last {@link #take}: capture times of the received blocks that began in it, and where (samples in). */
    private final long[] startedCaptures = new long[8];
    private final int[] startedAt = new int[8];
    private int started;

    /** @param capacity samples it can hold: what is left of a tick plus the longest stretched block */
    ReadySound(int capacity, int sampleRate) {
        samples = new short[capacity];
        scratch = new short[capacity + TimeStretch.MAX_PERIOD];
        microsPerSample = 1_000_000L / sampleRate;
    }

    /** Samples waiting. */
    int length() {
        return length;
    }

    /** How long the waiting sound plays. */
    long aheadMicros() {
        return length * microsPerSample;
    }

    /** Adds {@code count} samples of {@code source} that stand for {@code captureSpanMicros} of capture time. */
    void append(short[] source, int count, Kind kind, long captureMicros, long captureSpanMicros) {
        System.arraycopy(source, 0, samples, length, count);
        length += count;
        blocks.add(new Block(kind, captureMicros, count, captureSpanMicros));
    }

    /**
     * Makes the waiting sound one pitch period longer ({@link TimeStretch#lengthen}); returns the samples added, 0
     * when it is not periodic. The first block, where the period is repeated, stands for the longer sound.
     */
    int lengthen(TimeStretch stretch) {
        int stretched = stretch.lengthen(samples, length, scratch);
        int added = stretched - length;
        if (added > 0) {
            System.arraycopy(scratch, 0, samples, 0, stretched);
            length = stretched;
            Block first = blocks.removeFirst();
            blocks.addFirst(new Block(first.kind(), first.captureMicros(), first.samples() + added,
                    first.captureSpanMicros()));
        }
        return added;
    }

    /** Adds {@code count} samples of silence. */
    void appendSilence(int count) {
        java.util.Arrays.fill(samples, length, length + count, (short) 0);
        length += count;
        blocks.add(new Block(Kind.SILENCE, 0, count, count * microsPerSample));
    }

    /**
     * Moves the first {@code count} samples into {@code out} and returns what they start with; a tick that is
     * silence only where the sound ran out still counts as sound.
     */
    Head take(short[] out, int count) {
        Block first = blocks.getFirst();
        Head head = new Head(first.kind(), first.captureAt(headOffset));
        boolean allSilent = true;
        started = 0;
        int blockStart = -headOffset; // where each block begins, relative to this take
        for (Block block : blocks) {
            if (blockStart >= count) {
                break;
            }
            allSilent &= block.kind() == Kind.SILENCE;
            if (blockStart >= 0 && block.kind() == Kind.RECEIVED && started < startedAt.length) {
                startedCaptures[started] = block.captureMicros();
                startedAt[started++] = blockStart;
            }
            blockStart += block.samples();
        }
        System.arraycopy(samples, 0, out, 0, count);
        System.arraycopy(samples, count, samples, 0, length - count);
        length -= count;
        headOffset += count;
        while (!blocks.isEmpty() && headOffset >= blocks.getFirst().samples()) {
            headOffset -= blocks.removeFirst().samples();
        }
        return allSilent ? new Head(Kind.SILENCE, 0) : head;
    }

    /** Received blocks (packets) whose first sample was in the last {@link #take}. */
    int startedBlocks() {
        return started;
    }

    /** The {@code index}th of them: its capture time (sender clock). */
    long startedCaptureMicros(int index) {
        return startedCaptures[index];
    }

    /** ... and how long after the start of that take it begins. */
    long startedOffsetMicros(int index) {
        return startedAt[index] * microsPerSample;
    }
}
