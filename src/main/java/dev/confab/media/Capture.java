package dev.confab.media;

/** A running capture. Closing it stops the thread and releases the device (idempotent). */
public interface Capture extends AutoCloseable {
    CaptureDevice device();

    @Override
    void close();
}
