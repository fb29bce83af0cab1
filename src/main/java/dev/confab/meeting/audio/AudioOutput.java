package dev.confab.meeting.audio;

/**
 * Where the mixed 48 kHz mono 16-bit sound goes. The device's consumption is the mixer's clock: the mixer
 * waits in {@link #awaitRoom} until one more frame fits, then takes the freshest packets, mixes and
 * writes, so a frame never waits a whole period in the mixer.
 */
public interface AudioOutput extends AutoCloseable {

    /** Blocks until a frame of {@code count} samples can be written without waiting. */
    void awaitRoom(int count) throws InterruptedException;

    /** Plays one frame (blocks only if {@link #awaitRoom} was skipped). */
    void write(short[] pcm, int count) throws InterruptedException;

    /** Sound written but not yet heard, in microseconds (the device buffer's fill). */
    long bufferedMicros();

    /** What the user sees for this output, e.g. the device name. */
    String description();

    @Override
    void close();
}
