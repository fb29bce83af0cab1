package dev.confab.meeting.audio;

/**
 * Where the mixed 48 kHz mono 16-bit sound goes. {@link #write} blocks until the device has room, which
 * is what paces the mixer in real time.
 */
public interface AudioOutput extends AutoCloseable {

    /** Plays one frame; blocks while the device buffer is full. */
    void write(short[] pcm, int count) throws InterruptedException;

    /** Sound written but not yet heard, in microseconds (the device buffer's fill). */
    long bufferedMicros();

    /** What the user sees for this output, e.g. the device name. */
    String description();

    @Override
    void close();
}
