package dev.confab.meeting.video;

import dev.confab.meeting.MediaOut;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.EncodedPacket;
import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoEncoder;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;
import dev.confab.protocol.MediaCodec;
import dev.confab.meeting.e2ee.SFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends this participant's camera: capture (on the capture's media thread) → newest-picture hand-off →
 * real-time encoder on its own thread → {@link MediaOut} as CAMERA frames with sequence numbers and capture
 * timestamps. If the encoder falls behind, older pictures are dropped, never queued.
 *
 * <p>From {@link VideoQualityPolicy#SIMULCAST_FROM} participants on, each picture is also encoded into the smaller
 * simulcast layers the policy names ({@link VideoQualityPolicy#lowerLayers()}, header layer 1 and 2, each with
 * its own sequence numbers and cheaper encoder settings), after the top layer so that its latency does not wait
 * for them; the server passes each receiver the layer its link carries.
 *
 * <p>{@link #setCameraOn(boolean) Camera off} closes the capture (the device is released) and stops
 * sending; camera on reopens it and starts with a keyframe. Resolution and bitrate follow a
 * {@link VideoQualityPolicy} fed by {@link #participantCount}, {@link #onRateHint()} and
 * {@link #onKeyframeRequested()}. All public methods are thread-safe and non-blocking except
 * {@link #setCameraOn(boolean) setCameraOn(true)}, which opens the device (call it off the FX thread).
 */
public final class VideoSender implements AutoCloseable {

    /** What the sender has done so far. */
    public record Stats(long picturesCaptured, long picturesDroppedBehind, long framesSent, long keyframesSent,
                        long framesDroppedUplink, long bytesSent, int width, int height, int bitrate, int layers) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(VideoSender.class);

    private final CaptureFactory captures;
    private final CaptureDevice device;
    private final VideoCodec codec;
    private final MediaOut out;
    private final int maxPayloadBytes;
    private final VideoQualityPolicy policy;
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final Thread encodeThread;
    private final Object policyLock = new Object();

    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong keyframes = new AtomicLong();
    private final AtomicLong droppedUplink = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private volatile VideoFrameListener preview;
    private volatile boolean running = true;
    private volatile boolean cameraOn;
    private volatile boolean keyframeWanted;
    private Capture capture; // guarded by this
    private VideoEncoder encoder; // encode thread only (and close after it ended)
    private long sequence; // encode thread only
    /** Simulcast layers below the top one (layer 1, 2), with their sequence numbers; encode thread only. */
    private final List<LowerLayer> lowerLayers = new ArrayList<>();
    private volatile int layersSent = 1;

    /** One smaller simulcast layer: its own encoder and sequence numbers (receivers may switch to it). */
    private static final class LowerLayer {
        final VideoEncoder encoder;
        long sequence;

        LowerLayer(VideoEncoder encoder) {
            this.encoder = encoder;
        }
    }

    /**
     * @param maxBinaryFrameBytes the server's {@code limits.maxBinaryFrameBytes}; larger packets are dropped
     *                            and replaced by a keyframe request (the encoders never produce one at these
     *                            bitrates, see docs/protocol.md section 9.2)
     */
    public VideoSender(CaptureFactory captures, CaptureDevice device, VideoCodec codec, VideoQualityPolicy policy,
                       int maxBinaryFrameBytes, MediaOut out) {
        this.captures = Objects.requireNonNull(captures, "captures");
        this.device = Objects.requireNonNull(device, "device");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.out = Objects.requireNonNull(out, "out");
        this.maxPayloadBytes = maxBinaryFrameBytes - MediaFrameHeader.SIZE - SFrame.MAX_OVERHEAD; // sealed on the way out
        this.encodeThread = Thread.ofPlatform().daemon().name("video-encode").start(this::encodeLoop);
    }

    /** Self-view: receives every captured picture on the capture thread (a {@code VideoView} in the app). */
    public void setLocalPreview(VideoFrameListener listener) {
        preview = listener;
    }

    /**
     * Camera on opens the device at the policy's best format (the encoder scales down) and the next frame
     * is a keyframe; off closes it and stops sending. Idempotent.
     *
     * @throws MediaException when the camera cannot be opened (busy, missing); the camera stays off
     */
    public synchronized void setCameraOn(boolean on) throws MediaException {
        if (on == cameraOn || !running) {
            return;
        }
        if (on) {
            keyframeWanted = true;
            VideoFormat best;
            synchronized (policyLock) {
                best = policy.best().format();
            }
            capture = captures.openCamera(device, best, this::onCaptured);
            cameraOn = true;
        } else {
            cameraOn = false;
            capture.close();
            capture = null;
            slot.clear();
        }
    }

    public boolean cameraOn() {
        return cameraOn;
    }

    /** A receiver (or the server) asked for a keyframe. */
    public void onKeyframeRequested() {
        keyframeWanted = true;
    }

    /** The server reported congestion on this stream: step the quality down. */
    public void onRateHint() {
        synchronized (policyLock) {
            policy.rateHint(System.nanoTime());
        }
    }

    /** The most the network carries for the camera now, bits per second (0 or less: no limit). */
    public void limitBitrate(int bitsPerSecond) {
        synchronized (policyLock) {
            policy.limit(bitsPerSecond);
        }
    }

    /** The meeting's size (including this participant) changed. */
    public void participantCount(int count) {
        synchronized (policyLock) {
            policy.participantCount(count);
        }
    }

    public Stats stats() {
        VideoQualityPolicy.Target target;
        synchronized (policyLock) {
            target = policy.current();
        }
        return new Stats(captured.get(), slot.dropped(), sent.get(), keyframes.get(), droppedUplink.get(), bytes.get(),
                target.format().width(), target.format().height(), target.bitrateBitsPerSecond(), layersSent);
    }

    private void onCaptured(int width, int height, int stride, ByteBuffer bgra, long captureMicros) {
        captured.incrementAndGet();
        VideoFrameListener self = preview;
        if (self != null) {
            self.onFrame(width, height, stride, bgra.duplicate(), captureMicros);
        }
        if (cameraOn) {
            slot.publish(width, height, stride, bgra, captureMicros);
        }
    }

    private void encodeLoop() {
        try {
            while (running) {
                LatestFrameSlot.Picture picture = slot.takeLatest(200);
                if (picture == null || !cameraOn) {
                    continue;
                }
                try {
                    encode(picture);
                } catch (MediaException | RuntimeException e) {
                    LOG.warn("Video encoding failed; the next picture starts a new keyframe", e);
                    keyframeWanted = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (encoder != null) {
                encoder.close();
            }
            lowerLayers.forEach(layer -> layer.encoder.close());
        }
    }

    private void encode(LatestFrameSlot.Picture picture) throws MediaException {
        VideoQualityPolicy.Target change;
        VideoQualityPolicy.Target current;
        List<VideoQualityPolicy.Target> lower;
        synchronized (policyLock) {
            change = policy.poll(System.nanoTime()).orElse(null);
            current = policy.current();
            lower = policy.lowerLayers();
        }
        if (encoder == null) {
            encoder = new VideoEncoder(codec, current.format(), current.bitrateBitsPerSecond());
        } else if (change != null) {
            encoder.setResolution(change.format().width(), change.format().height());
            encoder.setBitrate(change.bitrateBitsPerSecond());
        }
        boolean keyframe = keyframeWanted;
        keyframeWanted = false;
        if (keyframe) {
            encoder.requestKeyframe();
        }
        // The best layer first: its latency does not wait for the smaller ones.
        encoder.encodeBgra(picture.pixels, picture.width, picture.height, picture.width * 4, picture.captureMicros,
                packet -> send(packet, 0));
        followLayers(lower, keyframe);
        for (int i = 0; i < lowerLayers.size(); i++) {
            int layer = i + 1;
            lowerLayers.get(i).encoder.encodeBgra(picture.pixels, picture.width, picture.height, picture.width * 4,
                    picture.captureMicros, packet -> send(packet, layer));
        }
    }

    /** Opens, adjusts or closes the smaller layers' encoders to match {@code wanted}; keyframes on request. */
    private void followLayers(List<VideoQualityPolicy.Target> wanted, boolean keyframe) throws MediaException {
        while (lowerLayers.size() > wanted.size()) {
            lowerLayers.removeLast().encoder.close();
        }
        for (int i = 0; i < wanted.size(); i++) {
            VideoQualityPolicy.Target target = wanted.get(i);
            if (i == lowerLayers.size()) {
                lowerLayers.add(new LowerLayer(VideoEncoder.forSmallerLayer(codec, target.format(),
                        target.bitrateBitsPerSecond())));
            } else {
                VideoEncoder layerEncoder = lowerLayers.get(i).encoder;
                layerEncoder.setResolution(target.format().width(), target.format().height());
                layerEncoder.setBitrate(target.bitrateBitsPerSecond());
                if (keyframe) {
                    layerEncoder.requestKeyframe();
                }
            }
        }
        layersSent = 1 + lowerLayers.size();
    }

    private void send(EncodedPacket packet, int layer) {
        long seq;
        if (layer == 0) {
            seq = sequence;
            sequence = (sequence + 1) & 0xFFFF_FFFFL;
        } else {
            LowerLayer lower = lowerLayers.get(layer - 1);
            seq = lower.sequence;
            lower.sequence = (lower.sequence + 1) & 0xFFFF_FFFFL;
        }
        if (packet.data().length > maxPayloadBytes) {
            LOG.warn("Dropping a {}-byte video frame over the server's frame limit", packet.data().length);
            droppedUplink.incrementAndGet();
            keyframeWanted = true;
            return;
        }
        var header = new MediaFrameHeader(StreamKind.CAMERA, packet.keyframe(), wireCodec().wireId(), 0, seq,
                packet.captureTimeMicros(), layer);
        if (out.send(header, ByteBuffer.wrap(packet.data()))) {
            bytes.addAndGet(packet.data().length);
            if (layer == 0) {
                sent.incrementAndGet();
                if (packet.keyframe()) {
                    keyframes.incrementAndGet();
                }
            }
        } else {
            // Receivers will see the gap; a keyframe lets them recover without a round trip.
            droppedUplink.incrementAndGet();
            keyframeWanted = true;
        }
    }

    private MediaCodec wireCodec() {
        return codec == VideoCodec.H264 ? MediaCodec.H264 : MediaCodec.VP8;
    }

    /** Turns the camera off and stops the encode thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (capture != null) {
                capture.close();
                capture = null;
            }
            cameraOn = false;
            running = false;
        }
        encodeThread.interrupt();
        try {
            encodeThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
