package dev.confab.meeting.audio;

import dev.confab.media.AudioEncoder;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.AudioLevel;
import dev.confab.media.EncodedPacket;
import dev.confab.media.MediaException;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send half of meeting audio. Feed it 20 ms microphone chunks (it is the capture's
 * {@link AudioFrameListener}); on the capture thread it measures the level (for the own tile and the
 * lobby meter), runs the optional {@link CaptureProcessor} (echo cancellation, noise suppression),
 * encodes Opus (20 ms, in-band FEC, DTX) and sends one AUDIO frame per packet with the chunk's capture
 * time. Encoding a 20 ms chunk takes well under a millisecond, so no extra thread is needed.
 *
 * <p>Muted means nothing is sent at all, not silence packets; the level shows silence too, so the user
 * can see that nothing leaves the computer. The one exception is shared computer sound
 * ({@link #setComputerSound}): like Zoom, it goes out even while muted (the microphone's part is replaced by
 * silence), because the user chose to share it with the screen; the share picker says so.
 */
public final class AudioSender implements AudioFrameListener, AutoCloseable {
    public static final int DEFAULT_BITRATE = 32_000;
    private static final Logger log = LoggerFactory.getLogger(AudioSender.class);

    /** Where frames go: {@code MeetingSession::sendMedia}. Must not block. */
    @FunctionalInterface
    public interface MediaSink {
        boolean send(MediaFrameHeader header, ByteBuffer payload);
    }

    /** In-place processing of captured sound before encoding (e.g. {@code EchoCanceller}). Capture thread. */
    @FunctionalInterface
    public interface CaptureProcessor {
        void process(short[] pcm, int count);
    }

    private final MediaSink sink;
    private final AudioEncoder encoder;
    private final AudioLevel level = new AudioLevel();
    private final AudioLevel inputLevel = new AudioLevel();
    private final short[] silence = new short[AudioEncoder.FRAME_SAMPLES];
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile CaptureProcessor processor;
    private volatile ComputerSoundMix computerSound;
    private volatile boolean muted;
    private long sequence;
    private boolean closed;

    public AudioSender(MediaSink sink, boolean dtx) throws MediaException {
        this.sink = sink;
        this.encoder = new AudioEncoder(DEFAULT_BITRATE, dtx);
    }

    /** One captured chunk (capture thread). */
    @Override
    public synchronized void onSamples(short[] pcm, int count, long captureTimeMicros) {
        if (closed) {
            return;
        }
        ComputerSoundMix sound = computerSound;
        if (muted) {
            inputLevel.update(silence, Math.min(count, silence.length));
            if (sound == null) {
                level.update(silence, Math.min(count, silence.length));
                return;
            }
            Arrays.fill(pcm, 0, count, (short) 0);
        } else {
            inputLevel.update(pcm, count);
            CaptureProcessor current = processor;
            if (current != null) {
                current.process(pcm, count);
            }
        }
        if (sound != null) {
            sound.addTo(pcm, count);
        }
        level.update(pcm, count);
        try {
            encoder.encode(pcm, count, captureTimeMicros, this::send);
        } catch (MediaException | IllegalArgumentException e) {
            log.warn("Dropping a microphone chunk: {}", e.getMessage());
        }
    }

    private void send(EncodedPacket packet) {
        var header = new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, sequence, packet.captureTimeMicros());
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        if (sink.send(header, ByteBuffer.wrap(packet.data()))) {
            sent.incrementAndGet();
        } else {
            refused.incrementAndGet();
        }
    }

    /** Stops (or resumes) sending. Takes effect from the next chunk. */
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    public boolean muted() {
        return muted;
    }

    /** Adds shared computer sound to every chunk from the next one on (null: stop adding it). */
    public void setComputerSound(ComputerSoundMix computerSound) {
        this.computerSound = computerSound;
    }

    public void setProcessor(CaptureProcessor processor) {
        this.processor = processor;
    }

    /** The level of what is sent, after echo cancellation and noise suppression, with any shared computer sound. */
    public AudioLevel level() {
        return level;
    }

    /**
     * The level of what the microphone picks up, before any processing (silent while muted): the own tile's
     * meter, which like the lobby's shows that the microphone hears the user, even a steady tone that noise
     * suppression would remove.
     */
    public AudioLevel inputLevel() {
        return inputLevel;
    }

    /** Packets handed to the connection. */
    public long packetsSent() {
        return sent.get();
    }

    /** Packets the connection refused (not in the meeting yet, reconnecting, congested). */
    public long packetsRefused() {
        return refused.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        encoder.close();
    }
}
