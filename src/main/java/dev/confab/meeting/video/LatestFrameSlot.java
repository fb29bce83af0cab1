package dev.confab.meeting.video;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands the newest captured picture from the capture thread to the encode thread. Three buffers rotate
 * (one being filled, one published, one being encoded) so neither side waits for the other's copy; a
 * published picture that is replaced before the encoder took it is dropped and counted. Buffers are only
 * reallocated when the picture grows.
 */
final class LatestFrameSlot {

    /**
     * Bytes behind the last row that belong to the buffer: swscale's fast bilinear horizontal scaler (the smaller
     * simulcast layers' filter) may read a few bytes past the end of a row.
     */
    static final int SCALER_READ_SLACK = 256;

    /** One picture: packed BGRA rows plus when it was captured. */
    static final class Picture {
        ByteBuffer pixels = ByteBuffer.allocateDirect(0);
        int width;
        int height;
        long captureMicros;

        void fill(int w, int h, int stride, ByteBuffer src, long capture) {
            int rowBytes = w * 4;
            int needed = rowBytes * h;
            if (pixels.capacity() < needed + SCALER_READ_SLACK) {
                pixels = ByteBuffer.allocateDirect(needed + SCALER_READ_SLACK);
            }
            if (stride == rowBytes) {
                pixels.put(0, src, src.position(), needed);
            } else {
                for (int y = 0; y < h; y++) {
                    pixels.put(y * rowBytes, src, src.position() + y * stride, rowBytes);
                }
            }
            pixels.clear().limit(needed);
            width = w;
            height = h;
            captureMicros = capture;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private Picture filling = new Picture();
    private Picture ready;
    private Picture spare = new Picture();
    private Picture encoding = new Picture();
    private long dropped;

    /** Capture thread: copies the picture and publishes it, replacing an unencoded older one. */
    void publish(int width, int height, int stride, ByteBuffer bgra, long captureMicros) {
        Picture target;
        lock.lock();
        try {
            target = filling;
            filling = null;
        } finally {
            lock.unlock();
        }
        if (target == null) {
            return; // a concurrent publish (never happens with one capture thread)
        }
        target.fill(width, height, stride, bgra, captureMicros);
        lock.lock();
        try {
            if (ready != null) {
                dropped++;
                filling = ready;
            } else {
                filling = spare;
                spare = null;
            }
            ready = target;
            published.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Encode thread: the newest picture, waiting up to {@code timeoutMillis}; null if none came. The picture
     * stays valid until the next call.
     */
    Picture takeLatest(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (ready == null) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = published.awaitNanos(nanos);
            }
            // While a picture is published the spare slot is always empty (see publish).
            spare = encoding;
            encoding = ready;
            ready = null;
            return encoding;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets an unencoded picture (camera turned off). */
    void clear() {
        lock.lock();
        try {
            if (ready != null) {
                spare = ready;
                ready = null;
            }
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
