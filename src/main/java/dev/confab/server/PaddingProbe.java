package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers a client's {@code probe_request}: PADDING frames at the asked rate for the asked time, paced every
 * {@link #INTERVAL_MILLIS} ms through the client's media queue, where they come last (after audio, screen and
 * camera) and are dropped first. Each frame carries the server's clock as its capture time, so the client sees
 * its own downlink's queue in them. A new request replaces a running probe. Sender id 0: the server.
 */
final class PaddingProbe {

    static final int INTERVAL_MILLIS = 10;
    private static final MediaSendQueue.StreamId STREAM = new MediaSendQueue.StreamId(0, StreamKind.PADDING);

    private final ClientConnection connection;
    private final ScheduledFuture<?> ticks;
    private final long endsAtNanos;
    private final int bytesPerTick;
    private long sequence;

    private PaddingProbe(ClientConnection connection, ClientMessage.ProbeRequest request, ScheduledExecutorService timers) {
        this.connection = connection;
        this.bytesPerTick = Math.max(MediaFrameHeader.SIZE + 1, request.kbps() * 1000 / 8 * INTERVAL_MILLIS / 1000);
        this.endsAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.millis());
        this.ticks = timers.scheduleAtFixedRate(this::tick, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts a probe for {@code connection}, stopping the one it had. */
    static void start(ClientConnection connection, ClientMessage.ProbeRequest request, ScheduledExecutorService timers) {
        PaddingProbe previous = connection.probe;
        if (previous != null) {
            previous.ticks.cancel(false);
        }
        connection.probe = new PaddingProbe(connection, request, timers);
    }

    /**
     * Stops {@code connection}'s probe, if one runs: its downlink reported a queue, so the probe has failed, and
     * every padding frame still sent would queue ahead of the sound.
     */
    static void stop(ClientConnection connection) {
        PaddingProbe running = connection.probe;
        if (running != null) {
            running.ticks.cancel(false);
        }
    }

    private void tick() {
        if (System.nanoTime() >= endsAtNanos || !connection.isOpen()) {
            ticks.cancel(false);
            return;
        }
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        var header = new MediaFrameHeader(StreamKind.PADDING, true, MediaCodec.UNSPECIFIED, sequence++, nowMicros);
        ByteBuffer frame = header.encode(ByteBuffer.allocate(bytesPerTick - MediaFrameHeader.SIZE));
        connection.relay(STREAM, frame, true, nowMicros);
    }
}
