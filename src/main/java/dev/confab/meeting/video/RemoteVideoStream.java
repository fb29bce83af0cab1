package dev.confab.meeting.video;

import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoDecoder;
import dev.confab.media.VideoFrameListener;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote video stream: checks sequence numbers on the network thread, feeds every packet in order to
 * its own decoder thread, and keeps the numbers for the tile's stats overlay. When the decoder falls more
 * than {@link #QUEUE_PACKETS} packets behind, or a frame is lost, it skips to the next keyframe and asks
 * the sender for one (at most every {@link #KEYFRAME_REQUEST_SPACING_NANOS}). A camera stream waits for the
 * participant's sound before decoding each frame ({@link LipSyncGate}). Skipping stale pictures for display
 * is the listener's job (a {@code VideoView} shows only the newest picture per FX pulse).
 */
final class RemoteVideoStream {

    interface KeyframeRequester {
        void request(int participantId, StreamKind stream);
    }

    private record Packet(byte[] data, MediaCodec codec, long captureMicros) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RemoteVideoStream.class);
    static final int QUEUE_PACKETS = 30;
    private static final long KEYFRAME_REQUEST_SPACING_NANOS = 500_000_000L;
    private static final long LOSS_WINDOW_NANOS = 2_000_000_000L;
    private static final long MAX_COUNTED_GAP = 10_000;
    /** A stream with no frame for this long (stopped, hidden, paused) is held below nothing. */
    private static final long HELD_BELOW_RECENT_NANOS = 1_000_000_000L;

    private final int participantId;
    private final StreamKind kind;
    private final boolean decode;
    private final KeyframeRequester requester;
    private final LipSyncGate lipSync;
    private final BlockingQueue<Packet> queue = new ArrayBlockingQueue<>(QUEUE_PACKETS);
    /** Stop holding once half the queue is waiting: better slightly out of sync than a keyframe restart. */
    private final java.util.function.BooleanSupplier roomToWait = () -> this.running && queue.size() < QUEUE_PACKETS / 2;
    private final Thread decodeThread;
    private final LatencyHistogram arrival = new LatencyHistogram();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final RateWindow received = new RateWindow();
    private final RateWindow decodedRate = new RateWindow();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong keyframeRequests = new AtomicLong();

    private volatile VideoFrameListener listener;
    private volatile boolean running = true;
    private volatile int width;
    private volatile int height;

    // Network thread (and stats under the lock):
    private final Object networkLock = new Object();
    private long lastSequence = -1;
    /** The simulcast layer of the last frame (0: the sender's best), -1 before one arrived; read by any thread. */
    private volatile int lastLayer = -1;
    /** The server stopped this stream and restarts it at a keyframe ({@link #restartsAtKeyframe}). */
    private boolean restartPending;
    private long framesReceived;
    private long framesLost;
    /** Starts true: a receiver that joins mid-stream must not feed deltas to a fresh decoder. */
    private boolean awaitingKeyframe = true;
    private long lastKeyframeRequestNanos = Long.MIN_VALUE / 2;
    private long windowStartNanos = System.nanoTime();
    private long windowReceived;
    private long windowLost;
    private double previousWindowLossPercent;

    /** @param audioClock the participant's sound, followed by camera streams; {@link AudioClock#NONE} to not wait */
    RemoteVideoStream(int participantId, StreamKind kind, boolean decode, KeyframeRequester requester,
                      AudioClock audioClock) {
        this.participantId = participantId;
        this.kind = kind;
        this.decode = decode;
        this.requester = requester;
        // A shared screen has no sound of its own to follow.
        AudioClock followed = kind == StreamKind.CAMERA ? audioClock : AudioClock.NONE;
        this.lipSync = new LipSyncGate(() -> followed.playoutCaptureMicros(participantId));
        this.decodeThread = decode ? Thread.ofPlatform().daemon().name("video-decode-" + participantId + "-" + kind)
                .start(this::decodeLoop) : null;
    }

    void attach(VideoFrameListener target) {
        listener = target;
    }

    void detach(VideoFrameListener target) {
        if (listener == target) {
            listener = null;
        }
    }

    /**
     * This participant's camera is shown again after being hidden: the server forwarded none of it meanwhile and
     * restarts it at a keyframe, so the sequence gap in front of that keyframe is not loss. Any thread.
     */
    void restartsAtKeyframe() {
        synchronized (networkLock) {
            restartPending = true;
        }
    }

    /** Network thread: account for the frame and hand it to the decoder. Never blocks. */
    void accept(MediaFrame frame) {
        long nowNanos = System.nanoTime();
        MediaFrameHeader header = frame.header();
        arrival.record(nowMicros() - header.captureMicros());
        received.record(nowNanos, frame.payload().remaining());
        bytes.addAndGet(frame.payload().remaining() + MediaFrameHeader.SIZE);
        boolean wantKeyframe;
        synchronized (networkLock) {
            framesReceived++;
            windowReceived++;
            if (lastLayer >= 0 && header.layer() != lastLayer) {
                // The server switched this receiver to another simulcast layer, at that layer's keyframe: its
                // own sequence numbers start here, and nothing was lost.
                lastSequence = -1;
                awaitingKeyframe |= !header.keyframe();
            }
            lastLayer = header.layer();
            if (restartPending && header.keyframe()) {
                // Shown again after being hidden: the frames in between were never meant for us, not lost.
                lastSequence = -1;
                restartPending = false;
            }
            if (lastSequence >= 0) {
                long gap = (header.sequence() - lastSequence - 1) & 0xFFFF_FFFFL;
                if (gap > 0 && gap < MAX_COUNTED_GAP) {
                    framesLost += gap;
                    windowLost += gap;
                    awaitingKeyframe |= !header.keyframe();
                }
            }
            lastSequence = header.sequence();
            rollLossWindow(nowNanos);
            if (header.keyframe()) {
                awaitingKeyframe = false;
            }
            boolean skip = awaitingKeyframe;
            if (!skip && decode && !queue.offer(copy(frame))) {
                // The decoder is hopelessly behind: everything queued is stale. Restart at a keyframe.
                dropped.addAndGet(queue.size() + 1L);
                queue.clear();
                awaitingKeyframe = true;
                skip = true;
            } else if (skip) {
                dropped.incrementAndGet();
            }
            wantKeyframe = skip && nowNanos - lastKeyframeRequestNanos >= KEYFRAME_REQUEST_SPACING_NANOS;
            if (wantKeyframe) {
                lastKeyframeRequestNanos = nowNanos;
            }
        }
        if (wantKeyframe) {
            keyframeRequests.incrementAndGet();
            requester.request(participantId, kind);
        }
    }

    private void rollLossWindow(long nowNanos) {
        if (nowNanos - windowStartNanos >= LOSS_WINDOW_NANOS) {
            previousWindowLossPercent = lossPercent(windowReceived, windowLost);
            windowReceived = 0;
            windowLost = 0;
            windowStartNanos = nowNanos;
        }
    }

    private static double lossPercent(long got, long lost) {
        return got + lost == 0 ? 0 : 100.0 * lost / (got + lost);
    }

    private static Packet copy(MediaFrame frame) {
        ByteBuffer payload = frame.payload().duplicate();
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        return new Packet(data, frame.header().codec(), frame.header().captureMicros());
    }

    private void decodeLoop() {
        VideoDecoder decoder = null;
        MediaCodec decoderCodec = null;
        try {
            while (running) {
                Packet packet = queue.poll(200, TimeUnit.MILLISECONDS);
                if (packet == null) {
                    continue;
                }
                VideoCodec codec = switch (packet.codec()) {
                    case VP8 -> VideoCodec.VP8;
                    case H264 -> VideoCodec.H264;
                    default -> null;
                };
                if (codec == null) {
                    dropped.incrementAndGet();
                    continue;
                }
                lipSync.awaitDue(packet.captureMicros(), roomToWait);
                try {
                    if (decoder == null || decoderCodec != packet.codec()) {
                        if (decoder != null) {
                            decoder.close();
                        }
                        decoder = new VideoDecoder(codec, this::onDecoded);
                        decoderCodec = packet.codec();
                    }
                    decoder.decode(packet.data(), 0, packet.data().length, packet.captureMicros());
                } catch (MediaException e) {
                    decodeErrors.incrementAndGet();
                    LOG.debug("Decoding participant {}'s {} failed: {}", participantId, kind, e.getMessage());
                    requestKeyframeAfterError();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (decoder != null) {
                decoder.close();
            }
        }
    }

    private void requestKeyframeAfterError() {
        long now = System.nanoTime();
        synchronized (networkLock) {
            if (now - lastKeyframeRequestNanos < KEYFRAME_REQUEST_SPACING_NANOS) {
                return;
            }
            lastKeyframeRequestNanos = now;
        }
        keyframeRequests.incrementAndGet();
        requester.request(participantId, kind);
    }

    private void onDecoded(int w, int h, int stride, ByteBuffer bgra, long captureMicros) {
        latency.record(nowMicros() - captureMicros);
        decodedRate.record(System.nanoTime(), 0);
        decoded.incrementAndGet();
        width = w;
        height = h;
        lipSync.shown(captureMicros);
        VideoFrameListener target = listener;
        if (target != null) {
            target.onFrame(w, h, stride, bgra, captureMicros);
        }
    }

    /**
     * Whether this stream arrives, as of the last second, on a lower simulcast layer than its sender's best while its
     * tile has more pixels than that layer's picture; {@code tilePixels} 0 when no tile size is known (then the layer
     * alone tells), and a picture not decoded (counting only) is taken to fill its tile.
     */
    boolean heldBelow(long tilePixels) {
        long last = received.lastNanos();
        if (lastLayer <= 0 || last == Long.MIN_VALUE || System.nanoTime() - last > HELD_BELOW_RECENT_NANOS) {
            return false;
        }
        long pixels = (long) width * height;
        return tilePixels == 0 || pixels > 0 && pixels < tilePixels;
    }

    StreamStats stats() {
        long now = System.nanoTime();
        double[] in = received.rates(now);
        double fps = decode ? decodedRate.rates(now)[0] : in[0];
        long last = received.lastNanos();
        long received;
        long lost;
        double loss;
        synchronized (networkLock) {
            received = framesReceived;
            lost = framesLost;
            loss = Math.max(previousWindowLossPercent, lossPercent(windowReceived, windowLost));
        }
        return new StreamStats(width, height, fps, in[1] / 1000.0, bytes.get(), received, lost, dropped.get(), decoded.get(),
                decodeErrors.get(), keyframeRequests.get(),
                arrival.percentileMillis(50), arrival.percentileMillis(95), arrival.percentileMillis(99),
                latency.percentileMillis(50), latency.percentileMillis(95), latency.percentileMillis(99),
                loss, last == Long.MIN_VALUE ? Long.MAX_VALUE : (now - last) / 1_000_000);
    }

    LipSyncStats lipSync() {
        return lipSync.stats();
    }

    LatencyHistogram lipSyncOffsets() {
        return lipSync.offsets();
    }

    LatencyHistogram arrivalHistogram() {
        return arrival;
    }

    LatencyHistogram latencyHistogram() {
        return latency;
    }

    void close() {
        running = false;
        if (decodeThread != null) {
            decodeThread.interrupt();
            try {
                decodeThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
