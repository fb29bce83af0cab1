package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;

import java.util.Objects;

/**
 * An {@link AudioOutput} that also hands every mixed frame to a listener (e.g. a recorder) as it is played,
 * so a recording gets exactly the mix this participant hears. The listener must not block (the recorder
 * copies and queues); its timestamps are this computer's clock in epoch microseconds, like the senders'
 * capture times on video.
 */
public final class TappedAudioOutput implements AudioOutput {
    private final AudioOutput output;
    private volatile AudioFrameListener tap;

    public TappedAudioOutput(AudioOutput output) {
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Starts (or, with null, stops) passing the mix to {@code listener}. */
    public void setTap(AudioFrameListener listener) {
        tap = listener;
    }

    @Override
    public void awaitRoom(int count) throws InterruptedException {
        output.awaitRoom(count);
    }

    @Override
    public void write(short[] pcm, int count) throws InterruptedException {
        AudioFrameListener current = tap;
        if (current != null) {
            java.time.Instant now = java.time.Instant.now();
            current.onSamples(pcm, count, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        }
        output.write(pcm, count);
    }

    @Override
    public long bufferedMicros() {
        return output.bufferedMicros();
    }

    @Override
    public String description() {
        return output.description();
    }

    @Override
    public void close() {
        tap = null;
        output.close();
    }
}
