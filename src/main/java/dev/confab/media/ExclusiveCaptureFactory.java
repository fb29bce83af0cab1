package dev.confab.media;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lets one capture at a time use a device. The lobby's preview closes its camera on its own thread when the
 * meeting screen replaces it, while the meeting opens the same camera on another thread: a real camera refuses
 * a second open ("device busy"), so an open here waits (off the FX thread, bounded) until the previous user of
 * that device has closed it.
 */
public final class ExclusiveCaptureFactory implements CaptureFactory {
    private final CaptureFactory delegate;
    private final long waitNanos;
    private final Set<String> inUse = new HashSet<>(); // guarded by this

    public ExclusiveCaptureFactory(CaptureFactory delegate, Duration wait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.waitNanos = wait.toNanos();
    }

    @Override
    public List<CaptureDevice> cameras() {
        return delegate.cameras();
    }

    @Override
    public List<CaptureDevice> microphones() {
        return delegate.microphones();
    }

    @Override
    public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
        claim(device);
        try {
            return released(delegate.openCamera(device, format, listener), device);
        } catch (MediaException | RuntimeException e) {
            release(device);
            throw e;
        }
    }

    @Override
    public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
        claim(device);
        try {
            return released(delegate.openMicrophone(device, listener), device);
        } catch (MediaException | RuntimeException e) {
            release(device);
            throw e;
        }
    }

    private synchronized void claim(CaptureDevice device) throws MediaException {
        long deadline = System.nanoTime() + waitNanos;
        try {
            while (inUse.contains(device.id())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MediaException(device.displayName() + " is still in use by another part of Confab");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("Interrupted while waiting for " + device.displayName());
        }
        inUse.add(device.id());
    }

    private synchronized void release(CaptureDevice device) {
        inUse.remove(device.id());
        notifyAll();
    }

    private Capture released(Capture capture, CaptureDevice device) {
        return new Capture() {
            private boolean closed;

            @Override
            public CaptureDevice device() {
                return capture.device();
            }

            @Override
            public void close() {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                }
                try {
                    capture.close();
                } finally {
                    release(device);
                }
            }
        };
    }
}
