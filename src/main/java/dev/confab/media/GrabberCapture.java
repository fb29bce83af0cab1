package dev.confab.media;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One FFmpeg grabber owned by one daemon thread: the thread opens it, reads from it and closes it, so the
 * native context is never touched concurrently. {@link #open()} waits until the device is open (or failed),
 * so callers get a readable {@link MediaException} instead of a silent dead capture.
 */
abstract class GrabberCapture implements Capture {
    private static final Logger log = LoggerFactory.getLogger(GrabberCapture.class);
    private static final long OPEN_TIMEOUT_SECONDS = 15;
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    private final CaptureDevice device;
    private final Thread thread;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile boolean running = true;

    GrabberCapture(CaptureDevice device, String threadName) {
        this.device = device;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    /** A configured, not yet started grabber. */
    abstract FFmpegFrameGrabber createGrabber();

    /** Adjusts the grabber once the device is open and its real format is known. */
    void afterStart(FFmpegFrameGrabber grabber) {
    }

    /** Reads and delivers one frame or chunk; false at end of stream. */
    abstract boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception;

    /** The sentence the user sees when the device cannot be opened. */
    abstract String openFailureMessage();

    final void open() throws MediaException {
        thread.start();
        try {
            opened.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new MediaException(openFailureMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new MediaException(openFailureMessage() + " (no answer within " + OPEN_TIMEOUT_SECONDS + " s)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new MediaException(openFailureMessage(), e);
        }
    }

    @Override
    public CaptureDevice device() {
        return device;
    }

    private void run() {
        FFmpegFrameGrabber grabber;
        try {
            Ffmpeg.ensureInitialized();
            grabber = createGrabber();
            grabber.start();
            afterStart(grabber);
        } catch (Exception | LinkageError e) {
            opened.completeExceptionally(e);
            return;
        }
        opened.complete(null);
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                if (!deliverNext(grabber)) {
                    log.info("{} ended", device.displayName());
                    break;
                }
            }
        } catch (Exception e) {
            if (running) {
                log.warn("{} stopped delivering: {}", device.displayName(), e.toString());
            }
        } finally {
            try {
                grabber.close();
            } catch (Exception e) {
                log.warn("Releasing {} failed", device.displayName(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(CLOSE_TIMEOUT_MILLIS);
            }
            if (thread.isAlive()) {
                log.warn("{} did not stop within {} ms", device.displayName(), 2 * CLOSE_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For video captures' {@link #deliverNext}: grabs the next picture, waits for its slot ({@code pacer} may
     * be null: the device paces itself), stamps it and hands it to {@code listener}. False at the end of input.
     */
    final boolean deliverPicture(FFmpegFrameGrabber grabber, RealTimePacer pacer, VideoFrameListener listener)
            throws Exception {
        Frame frame = grabber.grabImage();
        if (frame == null) {
            return false;
        }
        if (pacer != null) {
            pacer.awaitNextSlot();
        }
        long captureTime = Ffmpeg.nowMicros();
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        pixels.position(0);
        try { // called directly rather than through safely(): no lambda per picture
            listener.onFrame(frame.imageWidth, frame.imageHeight, frame.imageStride, pixels, captureTime);
        } catch (RuntimeException e) {
            log.warn("Listener of {} threw", device.displayName(), e);
        }
        return true;
    }

    /** Calls user code without letting one faulty listener call end the capture. */
    final void safely(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            log.warn("Listener of {} threw", device.displayName(), e);
        }
    }
}
