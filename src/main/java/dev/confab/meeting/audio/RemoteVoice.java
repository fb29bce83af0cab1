package dev.confab.meeting.audio;

import dev.confab.media.AudioDecoder;
import dev.confab.media.AudioEncoder;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.AudioLevel;
import dev.confab.media.MediaException;

import java.util.Arrays;

/**
 * One remote participant on the receiving side: jitter buffer (fed by the network thread), decoder, time-stretching
 * and the decoded sound waiting to be played, level meter, latency and the last 200 ms of sound for analysis (all
 * used by the mixer thread).
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
    private final short[] decoded = new short[FRAME];
    private final short[] stretched = new short[FRAME + TimeStretch.MAX_PERIOD];
    private final TimeStretch stretch = new TimeStretch();
    /** Decoded sound not yet played: at most what is left of a tick plus a lengthened packet. */
    private final ReadySound ready = new ReadySound(2 * FRAME + TimeStretch.MAX_PERIOD, AudioFrameListener.SAMPLE_RATE);
    private ReadySound.Head tickHead = new ReadySound.Head(ReadySound.Kind.SILENCE, 0);
    private volatile long lengthenedSamples; // written by the mixer thread only, read for stats
    private volatile long shortenedSamples;
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

    /**
     * Fills {@link #pcm} for this tick, taking as many packets from the jitter buffer as its decoded and stretched
     * sound needs (none after a lengthened one, two after a shortened one); false when there is nothing to hear.
     * Mixer thread.
     */
    boolean render(long nowMicros) {
        boolean extendable = true;
        while (ready.length() < FRAME) {
            JitterBuffer.Playout playout = jitterBuffer.poll(nowMicros, ready.aheadMicros(),
                    extendable && ready.length() >= 2 * TimeStretch.MIN_PERIOD);
            switch (playout) {
                case JitterBuffer.Playout.Packet packet -> decode(packet);
                case JitterBuffer.Playout.Extend ignored -> {
                    int added = ready.lengthen(stretch);
                    lengthenedSamples = lengthenedSamples + added;
                    extendable = added > 0; // not periodic: the buffer conceals instead when asked again
                }
                case JitterBuffer.Playout.Conceal conceal -> conceal(conceal.captureMicros());
                case JitterBuffer.Playout.Silence ignored -> ready.appendSilence(FRAME - ready.length());
            }
        }
        tickHead = ready.take(pcm, FRAME);
        if (tickHead.kind() == ReadySound.Kind.SILENCE) {
            return silent();
        }
        level.update(pcm, FRAME);
        if (tickHead.kind() == ReadySound.Kind.RECEIVED) {
            remember();
        }
        return true;
    }

    private void decode(JitterBuffer.Playout.Packet packet) {
        try {
            decodedSamples = 0;
            decoder().decode(packet.payload(), 0, packet.payload().length, packet.captureMicros());
        } catch (MediaException e) {
            conceal(packet.captureMicros()); // a corrupt packet: play its slot as concealment, keep the participant
            return;
        }
        Arrays.fill(decoded, decodedSamples, FRAME, (short) 0);
        int length = switch (packet.stretch()) {
            case NONE -> {
                System.arraycopy(decoded, 0, stretched, 0, FRAME);
                yield FRAME;
            }
            case LENGTHEN -> stretch.lengthen(decoded, FRAME, stretched);
            case SHORTEN -> stretch.shorten(decoded, FRAME, stretched);
        };
        if (length > FRAME) {
            lengthenedSamples = lengthenedSamples + length - FRAME;
        } else if (length < FRAME) {
            shortenedSamples = shortenedSamples + FRAME - length;
        }
        ready.append(stretched, length, ReadySound.Kind.RECEIVED, packet.captureMicros(), JitterBuffer.FRAME_MICROS);
    }

    private void conceal(long captureMicros) {
        try {
            decodedSamples = 0;
            decoder().conceal(captureMicros);
            Arrays.fill(decoded, decodedSamples, FRAME, (short) 0);
            ready.append(decoded, FRAME, ReadySound.Kind.CONCEALED, captureMicros, JitterBuffer.FRAME_MICROS);
        } catch (MediaException again) {
            ready.appendSilence(FRAME);
        }
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
                System.arraycopy(samples, 0, decoded, decodedSamples, n);
                decodedSamples += n;
            });
        }
        return decoder;
    }

    /** After the output accepted this tick's mix: note when its sound will be heard. Mixer thread. */
    void heard(long heardAtMicros) {
        if (tickHead.kind() == ReadySound.Kind.SILENCE) {
            return;
        }
        clockCaptureMicros = tickHead.captureMicros();
        clockHeardAtMicros = heardAtMicros;
        // Mouth-to-ear once per packet, at the moment its first sample is heard.
        for (int i = 0; i < ready.startedBlocks(); i++) {
            latency.record(heardAtMicros + ready.startedOffsetMicros(i) - ready.startedCaptureMicros(i));
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
                latency.percentileMillis(0.95), dominantHz(), samplesToMillis(lengthenedSamples),
                samplesToMillis(shortenedSamples));
    }

    private static long samplesToMillis(long samples) {
        return samples * 1000 / AudioFrameListener.SAMPLE_RATE;
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
