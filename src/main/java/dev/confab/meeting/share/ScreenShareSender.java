package dev.confab.meeting.share;

import dev.confab.media.EncodedPacket;
import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoEncoder;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;

/**
 * Encodes a screen capture as the meeting's SCREEN stream, tuned for content rather than faces: the full
 * captured resolution (the capture already caps it, e.g. at 1920x1080) so text stays sharp, 5 frames per
 * second while the screen is still and up to 15 while it moves, and a bitrate from resolution and motion.
 *
 * <p>The capture thread only copies the newest picture into a hand-off buffer ({@link #onFrame}); the
 * sender's own thread encodes the latest one, so a slow encoder skips pictures instead of queueing them.
 * Separate from the camera: both run at once.
 *
 * <pre>{@code
 * var sender = new ScreenShareSender(session::sendMedia, VideoCodec.PREFERRED);
 * session.startShare(false);
 * Capture capture = screens.openScreen(device, ScreenCaptureFactory.MAX_SHARE_FORMAT, sender);
 * // listener.onKeyframeRequested(SCREEN, ..) -> sender.requestKeyframe(); onRateHint(SCREEN) -> sender.limitBitrate(kbps)
 * ... capture.close(); sender.close(); session.stopShare();
 * }</pre>
 */
public final class ScreenShareSender implements VideoFrameListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenShareSender.class);
    public static final int MIN_FPS = 5;
    public static final int MAX_FPS = 15;
    /** Above this share of changed tiles the content counts as moving. */
    private static final double MOVING = 0.02;
    private static final long BITRATE_CHANGE_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** Bits per pixel per second: still text needs few bits once sent; motion needs more. */
    private static final double STILL_BITS_PER_PIXEL = 0.5;
    private static final double MOVING_BITS_PER_PIXEL = 1.2;
    private static final int MIN_BITRATE = 200_000;
    private static final int MAX_BITRATE = 4_000_000;

    private final BiPredicate<MediaFrameHeader, ByteBuffer> sink;
    private final VideoCodec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pictureReady = lock.newCondition();
    private final ContentActivity activity = new ContentActivity();
    private final Thread thread;

    // Hand-off (guarded by lock)
    private ByteBuffer pending = ByteBuffer.allocateDirect(0);
    private int pendingWidth;
    private int pendingHeight;
    private long pendingTime;
    private boolean hasPending;
    private boolean closed;

    // Sender thread only
    private ByteBuffer working = ByteBuffer.allocateDirect(0);
    private VideoEncoder encoder;
    private long sequence;
    private long lastEncodeNanos;
    private long lastBitrateChange;
    private double motion;

    private volatile int maxBitrate = MAX_BITRATE;
    private volatile boolean keyframeRequested;
    private volatile Stats stats = new Stats(0, 0, 0, 0, 0);

    /** What the share currently sends. */
    public record Stats(long framesSent, int width, int height, int fps, int bitrate) {
    }

    /** @param sink sends one SCREEN frame (e.g. {@code session::sendMedia}); returns false when it was dropped */
    public ScreenShareSender(BiPredicate<MediaFrameHeader, ByteBuffer> sink, VideoCodec codec) {
        this.sink = sink;
        this.codec = codec;
        this.thread = Thread.ofPlatform().name("screen-share-sender").daemon().start(this::run);
    }

    /** Called by the screen capture on its thread: keeps only the newest picture. */
    @Override
    public void onFrame(int width, int height, int stride, ByteBuffer bgra, long captureTimeMicros) {
        lock.lock();
        try {
            int rowBytes = width * 4;
            if (pending.capacity() < rowBytes * height) {
                pending = ByteBuffer.allocateDirect(rowBytes * height);
            }
            pending.clear();
            for (int row = 0; row < height; row++) {
                pending.put(bgra.slice(row * stride, rowBytes));
            }
            pendingWidth = width;
            pendingHeight = height;
            pendingTime = captureTimeMicros;
            hasPending = true;
            pictureReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A receiver lost pictures: the next frame is a keyframe. */
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /** The network carries no more: stay at or below {@code kbps} (0 or less: no limit). */
    public void limitBitrate(int kbps) {
        maxBitrate = kbps <= 0 ? MAX_BITRATE : Math.max(MIN_BITRATE, kbps * 1000);
    }

    public Stats stats() {
        return stats;
    }

    private void run() {
        int width = 0;
        int height = 0;
        long time = 0;
        while (true) {
            lock.lock();
            try {
                while (!closed && !hasPending) {
                    pictureReady.await();
                }
                if (closed) {
                    break;
                }
                if (!dueNow()) {
                    lock.unlock();
                    try {
                        Thread.sleep(5);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                width = pendingWidth;
                height = pendingHeight;
                time = pendingTime;
                if (working.capacity() < width * height * 4) {
                    working = ByteBuffer.allocateDirect(width * height * 4);
                }
                ByteBuffer swap = working;
                working = pending;
                pending = swap;
                hasPending = false;
            } catch (InterruptedException e) {
                break;
            } finally {
                if (lock.isHeldByCurrentThread()) {
                    lock.unlock();
                }
            }
            try {
                encode(width, height, time);
            } catch (MediaException | RuntimeException e) {
                LOG.warn("Screen share encoding failed: {}", e.getMessage());
            }
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    /** Whether enough time has passed since the last picture for the current frame rate. */
    private boolean dueNow() {
        long interval = TimeUnit.SECONDS.toNanos(1) / currentFps();
        return System.nanoTime() - lastEncodeNanos >= interval || keyframeRequested;
    }

    private int currentFps() {
        return motion > MOVING ? MAX_FPS : MIN_FPS;
    }

    private void encode(int width, int height, long captureTime) throws MediaException {
        ByteBuffer picture = working.duplicate().position(0).limit(width * height * 4);
        double changed = activity.changedFraction(picture, width, height, width * 4);
        motion = motion * 0.6 + changed * 0.4; // smooth: one still picture in a scroll does not drop the rate
        lastEncodeNanos = System.nanoTime();
        int evenWidth = width & ~1;
        int evenHeight = height & ~1;
        int bitrate = targetBitrate(evenWidth, evenHeight);
        if (encoder == null) {
            encoder = new VideoEncoder(codec, new VideoFormat(evenWidth, evenHeight, MAX_FPS), bitrate);
            lastBitrateChange = System.nanoTime();
        } else {
            if (encoder.width() != evenWidth || encoder.height() != evenHeight) {
                encoder.setResolution(evenWidth, evenHeight);
            }
            boolean settled = System.nanoTime() - lastBitrateChange > BITRATE_CHANGE_NANOS;
            if (Math.abs(bitrate - encoder.bitrate()) > encoder.bitrate() / 4 && (settled || bitrate > maxBitrate)) {
                encoder.setBitrate(bitrate);
                lastBitrateChange = System.nanoTime();
            }
        }
        if (keyframeRequested) {
            keyframeRequested = false;
            encoder.requestKeyframe();
        }
        encoder.encodeBgra(picture, width, height, width * 4, captureTime, this::send);
        Stats before = stats;
        stats = new Stats(before.framesSent() + 1, evenWidth, evenHeight, currentFps(), encoder.bitrate());
    }

    private int targetBitrate(int width, int height) {
        double bitsPerPixel = motion > MOVING ? MOVING_BITS_PER_PIXEL : STILL_BITS_PER_PIXEL;
        long wanted = Math.round((double) width * height * bitsPerPixel);
        return (int) Math.max(MIN_BITRATE, Math.min(Math.min(wanted, MAX_BITRATE), maxBitrate));
    }

    private void send(EncodedPacket packet) {
        MediaCodec wire = codec == VideoCodec.H264 ? MediaCodec.H264 : MediaCodec.VP8;
        var header = new MediaFrameHeader(StreamKind.SCREEN, packet.keyframe(), wire, sequence++ & 0xFFFF_FFFFL,
                packet.captureTimeMicros());
        if (!sink.test(header, ByteBuffer.wrap(packet.data()))) {
            keyframeRequested = true; // receivers see a gap (or a new key): the next picture lets them start again
        }
    }

    /** Stops the sender thread and frees the encoder. The caller closes the capture first. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            pictureReady.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
