package dev.confab.media;

/**
 * A running capture. Closing it stops the thread and releases the device (idempotent); once {@link #close} returns,
 * no further frame is delivered (callers clear their previews right after it).
 */
public interface Capture extends AutoCloseable {
    CaptureDevice device();

    @Override
    void close();
}
