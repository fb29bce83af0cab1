package dev.confab.loadtest;

import dev.confab.media.EncodedPacket;
import dev.confab.meeting.MediaOut;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a {@link PreEncodedLoop} as a live camera: fresh sequence numbers and capture timestamps (taken at
 * send time, so capture → arrival is exactly the client-to-client relay path), at the loop's frame rate.
 * A keyframe request jumps to the loop's next keyframe.
 */
final class ReplaySender {
    private final PreEncodedLoop loop;
    private final MediaOut out;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean keyframeWanted = true;
    private int index;
    private long sequence;
    private ScheduledFuture<?> task;

    ReplaySender(PreEncodedLoop loop, MediaOut out) {
        this.loop = loop;
        this.out = out;
    }

    void start(ScheduledExecutorService timer, long initialDelayMicros) {
        long period = 1_000_000L / loop.format().fps();
        task = timer.scheduleAtFixedRate(this::sendNext, initialDelayMicros, period, TimeUnit.MICROSECONDS);
    }

    void onKeyframeRequested() {
        keyframeWanted = true;
    }

    long framesSent() {
        return sent.get();
    }

    private void sendNext() {
        if (keyframeWanted) {
            keyframeWanted = false;
            index = loop.nextKeyframe(index);
        }
        EncodedPacket packet = loop.packets().get(index);
        index = (index + 1) % loop.packets().size();
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        var header = new MediaFrameHeader(StreamKind.CAMERA, packet.keyframe(), MediaCodec.VP8, sequence, micros);
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        if (out.send(header, ByteBuffer.wrap(packet.data()))) {
            sent.incrementAndGet();
        } else {
            keyframeWanted = true;
        }
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
