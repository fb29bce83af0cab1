package dev.confab.meeting.audio;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.AudioLevel;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receive half of meeting audio: per-participant jitter buffers, Opus decoding with loss concealment,
 * mixing, playback, level meters, voice activity and the active speaker, and the audio clock for lip sync.
 *
 * <p>Threads: {@link #onMedia} runs on the network thread and only copies the packet into a jitter buffer.
 * The mixer thread ("confab-audio-mixer") does everything else every 20 ms, paced by the output device; it
 * never waits on the UI. Getters are safe from any thread (the JavaFX pulse reads meters and the active
 * speaker); {@link ActiveSpeakerListener}s are called on the mixer thread and must only hand off
 * (e.g. {@code Platform.runLater}).
 *
 * <p>Lip sync: the video receiver ({@code VideoReceiver.followAudio}) holds each of participant P's camera
 * frames until its capture time is at most {@code playoutCaptureMicros(P) + 20 ms}; when this returns
 * {@link #NO_AUDIO_CLOCK} (P is silent or muted) frames are shown as they come ({@link LipSync#decide}).
 * Both clocks are the sender's capture stamps, so this holds across machines without clock
 * synchronisation.
 */
public final class AudioReceiver implements AutoCloseable {
    /** {@link #playoutCaptureMicros} when nothing of that participant is being heard. */
    public static final long NO_AUDIO_CLOCK = Long.MIN_VALUE;
    private static final Logger log = LoggerFactory.getLogger(AudioReceiver.class);
    private static final AudioLevel SILENT = new AudioLevel();

    /** Called on the mixer thread when the active speaker changes; hand off, never block. */
    @FunctionalInterface
    public interface ActiveSpeakerListener {
        void onActiveSpeakerChanged(OptionalInt participantId);
    }

    private final AudioOutput output;
    private final Map<Integer, RemoteVoice> voices = new ConcurrentHashMap<>();
    private final Queue<Integer> departures = new ConcurrentLinkedQueue<>();
    private final DepartedVoices departed = new DepartedVoices();
    private final List<ActiveSpeakerListener> speakerListeners = new CopyOnWriteArrayList<>();
    private final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
    private final AudioMixer mixer = new AudioMixer(RemoteVoice.FRAME);
    private final short[] mixed = new short[RemoteVoice.FRAME];
    private final Thread thread;
    private volatile AudioFrameListener playbackTap = (pcm, count, time) -> { };
    private volatile OptionalInt activeSpeaker = OptionalInt.empty();
    private volatile Map<Integer, Boolean> speaking = Map.of();
    private volatile boolean running = true;
    private volatile boolean constrainedDownlink;

    public AudioReceiver(AudioOutput output) {
        this.output = output;
        this.thread = Thread.ofPlatform().name("confab-audio-mixer").daemon().unstarted(this::mixLoop);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Hands a received frame to its participant's jitter buffer. Network thread; returns at once. */
    public void onMedia(MediaFrame frame) {
        var header = frame.header();
        if (header.stream() != StreamKind.AUDIO || header.codec() != MediaCodec.OPUS || !running
                || departed.hasLeft(header.senderId())) {
            return;
        }
        byte[] payload = new byte[frame.payload().remaining()];
        if (payload.length == 0) {
            return;
        }
        frame.payload().duplicate().get(payload);
        voices.computeIfAbsent(header.senderId(), this::newVoice).jitterBuffer
                .offer(header.sequence(), header.captureMicros(), payload, monotonicMicros());
    }

    private RemoteVoice newVoice(int participantId) {
        RemoteVoice voice = new RemoteVoice(participantId);
        voice.jitterBuffer.rideOutSpikes(constrainedDownlink);
        return voice;
    }

    /**
     * Whether this computer's downlink is known to be constrained (the call's rate control found a limit): the
     * jitter buffers then ride out the delay spikes sound meets behind video on such a link. Any thread.
     */
    public void downlinkConstrained(boolean constrained) {
        if (constrained != constrainedDownlink) {
            constrainedDownlink = constrained;
            voices.values().forEach(voice -> voice.jitterBuffer.rideOutSpikes(constrained));
        }
    }

    /**
     * A participant left: stops mixing them and forgets their meter and speaker state. Their figures stay in
     * {@link #stats()} and {@link #combinedLatency()}, for reports written at the end of the visit.
     */
    public void removeParticipant(int participantId) {
        departed.leaving(participantId);
        departures.add(participantId);
    }

    /** The meter of one participant (0..1 via {@link AudioLevel#meter()}); silent for unknown ids. */
    public AudioLevel level(int participantId) {
        RemoteVoice voice = voices.get(participantId);
        return voice == null ? SILENT : voice.level;
    }

    /** Voice activity of one participant: talking now (for the tile's speaking outline). */
    public boolean isSpeaking(int participantId) {
        return speaking.getOrDefault(participantId, false);
    }

    /** The loudest recent speaker (kept while everyone is quiet), or empty before anyone spoke. */
    public OptionalInt activeSpeaker() {
        return activeSpeaker;
    }

    public void addActiveSpeakerListener(ActiveSpeakerListener listener) {
        speakerListeners.add(listener);
    }

    public void removeActiveSpeakerListener(ActiveSpeakerListener listener) {
        speakerListeners.remove(listener);
    }

    /**
     * The audio clock of one participant: the sender's capture time (epoch µs) of the sound being heard
     * now, or {@link #NO_AUDIO_CLOCK}. See the class comment for how video uses it.
     */
    public long playoutCaptureMicros(int participantId) {
        RemoteVoice voice = voices.get(participantId);
        return voice == null ? NO_AUDIO_CLOCK : voice.playoutCaptureMicros(epochMicros());
    }

    /** Receives every mixed frame just before it is played (the echo canceller's far-end reference). */
    public void setPlaybackTap(AudioFrameListener tap) {
        this.playbackTap = tap == null ? (pcm, count, time) -> { } : tap;
    }

    /** How much sound is queued in the output device now (for the echo canceller's delay estimate). */
    public long outputBufferedMicros() {
        return output.bufferedMicros();
    }

    public String outputDescription() {
        return output.description();
    }

    /** Figures of everyone heard during this visit, by participant id: those present and those who left. */
    public Map<Integer, RemoteAudioStats> stats() {
        Map<Integer, RemoteAudioStats> result = new TreeMap<>();
        voices.forEach((id, voice) -> result.put(id, voice.stats()));
        departed.addStatsTo(result);
        return result;
    }

    /** All participants' latencies together (p50/p95 over every frame heard), including those who left. */
    public LatencyRecorder combinedLatency() {
        LatencyRecorder total = new LatencyRecorder();
        voices.forEach((id, voice) -> {
            if (!departed.filed(id)) { // filed just now, not yet removed: counted below, once
                total.addAll(voice.latency);
            }
        });
        departed.addLatencyTo(total);
        return total;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.close();
    }

    // ---- mixer thread -------------------------------------------------------------------------------------

    private void mixLoop() {
        RemoteVoice[] tick = new RemoteVoice[0];
        try {
            while (running) {
                output.awaitRoom(RemoteVoice.FRAME); // the 20 ms clock; then take the freshest packets
                forgetDepartures();
                tick = voices.values().toArray(tick);
                long now = monotonicMicros();
                long nowEpoch = epochMicros();
                mixer.clear();
                for (int i = 0; i < tick.length && tick[i] != null; i++) {
                    RemoteVoice voice = tick[i];
                    if (voice.render(now)) {
                        mixer.add(voice.pcm, RemoteVoice.FRAME);
                    }
                    detector.observe(voice.participantId, voice.level.latest().rmsDbfs(), nowEpoch);
                }
                mixer.mixInto(mixed);
                playbackTap.onSamples(mixed, mixed.length, nowEpoch);
                output.write(mixed, mixed.length);
                long heardAt = epochMicros() + output.bufferedMicros();
                for (int i = 0; i < tick.length && tick[i] != null; i++) {
                    tick[i].heard(heardAt);
                }
                publishSpeakers(tick, nowEpoch);
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Audio mixer stopped", e);
        } finally {
            voices.values().forEach(RemoteVoice::close);
        }
    }

    private void publishSpeakers(RemoteVoice[] tick, long nowEpoch) {
        boolean changed = detector.evaluate(nowEpoch);
        Map<Integer, Boolean> now = new HashMap<>();
        for (int i = 0; i < tick.length && tick[i] != null; i++) {
            now.put(tick[i].participantId, detector.isSpeaking(tick[i].participantId, nowEpoch));
        }
        speaking = Map.copyOf(now);
        if (changed) {
            announce(detector.activeSpeaker());
        }
    }

    private void forgetDepartures() {
        Integer gone;
        while ((gone = departures.poll()) != null) {
            RemoteVoice voice = voices.get(gone);
            if (voice != null) {
                departed.keep(voice); // before removing: stats() must never miss them in between
                voices.remove(gone);
                voice.close();
            }
            if (detector.remove(gone)) {
                announce(detector.activeSpeaker());
            }
        }
    }

    private void announce(OptionalInt speaker) {
        activeSpeaker = speaker;
        for (ActiveSpeakerListener listener : speakerListeners) {
            try {
                listener.onActiveSpeakerChanged(speaker);
            } catch (RuntimeException e) {
                log.warn("Active speaker listener failed", e);
            }
        }
    }

    private static long monotonicMicros() {
        return System.nanoTime() / 1000;
    }

    static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
