package dev.confab.meeting.audio;

import dev.confab.media.AudioDecoder;
import dev.confab.media.AudioEncoder;
import dev.confab.media.AudioLevel;
import dev.confab.media.MediaException;

import java.util.Arrays;

/**
 * One remote participant on the receiving side: jitter buffer (fed by the network thread), decoder,
 * level meter, latency and the last 200 ms of sound for analysis (all used by the mixer thread).
 */
final class RemoteVoice implements AutoCloseable {
    static final int FRAME = AudioEncoder.FRAME_SAMPLES;
    /** The last 200 ms of received (not concealed) sound, for {@link #dominantHz()}. */
    private static final int ANALYSIS_SAMPLES = FRAME * 10;

    final int participantId;
    final JitterBuffer jitterBuffer = new JitterBuffer();
    final AudioLevel level = new AudioLevel();
    final LatencyRecorder latency = new LatencyRecorder();
    final short[] pcm = new short[FRAME];
    private final short[] history = new short[ANALYSIS_SAMPLES];
    private int historyEnd;
    private AudioDecoder decoder;
    private int decodedSamples;

    /** Capture time (sender clock) of the last frame handed to the output, and when it will have been heard. */
    private volatile long clockCaptureMicros = AudioReceiver.NO_AUDIO_CLOCK;
    private volatile long clockHeardAtMicros;

    RemoteVoice(int participantId) {
        this.participantId = participantId;
    }

    /** Fills {@link #pcm} for this tick; false when there is nothing to hear. Mixer thread. */
    boolean render(JitterBuffer.Playout playout) {
        try {
            return switch (playout) {
                case JitterBuffer.Playout.Packet packet -> {
                    decodedSamples = 0;
                    decoder().decode(packet.payload(), 0, packet.payload().length, packet.captureMicros());
                    yield finish(true);
                }
                case JitterBuffer.Playout.Conceal conceal -> {
                    decodedSamples = 0;
                    decoder().conceal(conceal.captureMicros());
                    yield finish(false);
                }
                case JitterBuffer.Playout.Silence ignored -> silent();
            };
        } catch (MediaException e) {
            // A corrupt packet: play this slot as concealment rather than drop the participant.
            try {
                decodedSamples = 0;
                decoder().conceal(0);
                return finish(false);
            } catch (MediaException again) {
                return silent();
            }
        }
    }

    /** @param received decoded from a packet (not synthesised), so worth keeping for analysis */
    private boolean finish(boolean received) {
        if (decodedSamples < FRAME) {
            Arrays.fill(pcm, decodedSamples, FRAME, (short) 0);
        }
        level.update(pcm, FRAME);
        if (received) {
            remember();
        }
        return true;
    }

    private boolean silent() {
        Arrays.fill(pcm, (short) 0);
        level.update(pcm, FRAME);
        clockCaptureMicros = AudioReceiver.NO_AUDIO_CLOCK;
        return false;
    }

    private AudioDecoder decoder() throws MediaException {
        if (decoder == null) {
            decoder = new AudioDecoder((samples, count, capture) -> {
                int n = Math.min(count, FRAME - decodedSamples);
                System.arraycopy(samples, 0, pcm, decodedSamples, n);
                decodedSamples += n;
            });
        }
        return decoder;
    }

    /** After the output accepted this tick's mix: note when this frame will be heard. Mixer thread. */
    void heard(long captureMicros, long heardAtMicros, boolean measureLatency) {
        clockCaptureMicros = captureMicros;
        clockHeardAtMicros = heardAtMicros;
        if (measureLatency) {
            latency.record(heardAtMicros - captureMicros);
        }
    }

    /** Sender capture time of the sound being heard now, or {@link AudioReceiver#NO_AUDIO_CLOCK}. */
    long playoutCaptureMicros(long nowMicros) {
        long capture = clockCaptureMicros;
        if (capture == AudioReceiver.NO_AUDIO_CLOCK) {
            return AudioReceiver.NO_AUDIO_CLOCK;
        }
        long untilHeard = clockHeardAtMicros - nowMicros;
        if (untilHeard < -2 * JitterBuffer.FRAME_MICROS) {
            return AudioReceiver.NO_AUDIO_CLOCK; // the mixer has stalled or the voice stopped
        }
        return capture - Math.max(untilHeard, 0);
    }

    private synchronized void remember() {
        for (short sample : pcm) {
            history[historyEnd] = sample;
            historyEnd = (historyEnd + 1) % history.length;
        }
    }

    synchronized double dominantHz() {
        short[] ordered = new short[history.length];
        int tail = history.length - historyEnd;
        System.arraycopy(history, historyEnd, ordered, 0, tail);
        System.arraycopy(history, 0, ordered, tail, historyEnd);
        return ToneAnalysis.dominantFrequency(ordered, ordered.length);
    }

    RemoteAudioStats stats() {
        JitterBuffer.Counters c = jitterBuffer.counters();
        return new RemoteAudioStats(participantId, c.received(), c.played(), c.lost(), c.late(), c.concealed(),
                c.jitterMillis(), c.targetMicros() / 1000, latency.percentileMillis(0.5),
                latency.percentileMillis(0.95), dominantHz());
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
