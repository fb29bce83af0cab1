package dev.confab.meeting.audio;

import dev.confab.media.AudioFileCapture;
import dev.confab.media.AudioFrameListener;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.EchoCanceller;
import dev.confab.media.MediaException;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.MediaOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Meeting audio for one {@link MeetingSession}: the microphone (or a file, or nothing) through an
 * {@link AudioSender}, the {@link AudioReceiver} playing everyone else, optional echo cancellation between
 * them, and mute that is both enforced (nothing sent) and published in the roster.
 *
 * <pre>{@code
 * AudioCall call = meetingCall.startAudio(AudioCall.Source.microphone(factory, device),
 *         AudioOutputs.openOrDiscard(outputName), AudioCall.Processing.ECHO_AND_NOISE, lobbyMuted);
 * // the meeting engine (MeetingCall) routes received frames and departures to call.receiver();
 * // onMuteRequested -> call.setMuted(true) and tell the user
 * call.setMuted(true); call.sender().level().meter(); call.receiver().level(id).meter();
 * call.receiver().addActiveSpeakerListener(id -> Platform.runLater(...));
 * call.close();
 * }</pre>
 */
public final class AudioCall implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AudioCall.class);

    /** What the microphone side sends. */
    public sealed interface Source {
        record Microphone(CaptureFactory factory, CaptureDevice device) implements Source {
        }

        record File(Path path) implements Source {
        }

        /** Listen only. */
        record None() implements Source {
        }

        static Source microphone(CaptureFactory factory, CaptureDevice device) {
            return new Microphone(factory, device);
        }
    }

    /**
     * Clean-up of the microphone sound before it is sent: none, echo removal only (the user switched noise
     * suppression off), or echo removal and noise suppression. {@link #setNoiseSuppression} switches between the
     * last two during the call.
     */
    public enum Processing { NONE, ECHO, ECHO_AND_NOISE }

    private final MeetingSession session;
    private final AudioSender sender;
    private final AudioReceiver receiver;
    private final EchoCanceller echoCanceller;
    private final Capture capture;
    // Shared computer sound: started and stopped by the screen share's thread, read by the playback thread
    private volatile ComputerSoundMix computerSound;
    private Capture computerSoundCapture;

    /** Opens the computer's sound output (in the app: {@code ComputerSoundCapture::open}). */
    @FunctionalInterface
    public interface ComputerSoundSource {
        Capture open(AudioFrameListener listener) throws MediaException;
    }

    private AudioCall(MeetingSession session, AudioSender sender, AudioReceiver receiver, EchoCanceller echoCanceller,
                      Capture capture) {
        this.session = session;
        this.sender = sender;
        this.receiver = receiver;
        this.echoCanceller = echoCanceller;
        this.capture = capture;
        receiver.setPlaybackTap(this::onPlayback);
    }

    /** Confab's playback is the far end of both echo cancellers: the microphone's and the computer sound's. */
    private void onPlayback(short[] pcm, int count, long timeMicros) {
        if (echoCanceller != null) {
            echoCanceller.onPlayback(pcm, count);
        }
        ComputerSoundMix sound = computerSound;
        if (sound != null) {
            sound.onPlayback(pcm, count);
        }
    }

    /**
     * Mixes the computer's sound into what is sent, without Confab's own playback (its own echo canceller, no
     * noise suppression: music is not noise), until {@link #stopComputerSound}. It goes out even while muted.
     * A second call replaces the first. Without a microphone ({@link Source.None}) nothing paces the mix, so
     * nothing is sent.
     *
     * @throws MediaException when the computer sound cannot be captured (no sound server, no monitor)
     */
    public synchronized void startComputerSound(ComputerSoundSource source) throws MediaException {
        stopComputerSound();
        EchoCanceller canceller = startEchoCanceller(receiver, false);
        ComputerSoundMix mix = new ComputerSoundMix(canceller);
        try {
            computerSoundCapture = source.open(mix);
        } catch (MediaException | RuntimeException e) {
            mix.close();
            throw e;
        }
        computerSound = mix;
        sender.setComputerSound(mix);
    }

    /** Stops sending computer sound (the share ended). Nothing happens if none is shared. */
    public synchronized void stopComputerSound() {
        ComputerSoundMix mix = computerSound;
        sender.setComputerSound(null);
        computerSound = null;
        if (computerSoundCapture != null) {
            computerSoundCapture.close();
            computerSoundCapture = null;
        }
        if (mix != null) {
            mix.close();
        }
    }

    /** True while computer sound is being mixed into what is sent. */
    public boolean sharingComputerSound() {
        return computerSound != null;
    }

    /**
     * Starts receiving at once and sending from {@code source}. If echo cancellation cannot start (no
     * native library for this platform) the call goes on without it and says so in the log.
     *
     * @param out        where encoded frames go (the meeting engine's one exit, {@code MeetingCall.out()})
     * @param startMuted join muted: nothing is sent until {@link #setMuted}(false)
     * @throws MediaException when the microphone or file cannot be opened (the output is closed again)
     */
    public static AudioCall start(MeetingSession session, MediaOut out, Source source, AudioOutput output,
                                  Processing processing, boolean startMuted) throws MediaException {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(out, "out");
        AudioReceiver receiver = new AudioReceiver(output);
        AudioSender sender = null;
        EchoCanceller echo = null;
        try {
            sender = new AudioSender(out::send, true);
            sender.setMuted(startMuted);
            if (processing != Processing.NONE && !(source instanceof Source.None)) {
                echo = startEchoCanceller(receiver, processing == Processing.ECHO_AND_NOISE);
                if (echo != null) {
                    sender.setProcessor(echo::processCapture);
                }
            }
            Capture capture = switch (source) {
                case Source.Microphone microphone -> microphone.factory().openMicrophone(microphone.device(), sender);
                case Source.File file -> AudioFileCapture.open(file.path(), sender);
                case Source.None ignored -> null;
            };
            return new AudioCall(session, sender, receiver, echo, capture);
        } catch (MediaException | RuntimeException e) {
            receiver.close();
            if (sender != null) {
                sender.close();
            }
            if (echo != null) {
                echo.close();
            }
            throw e;
        }
    }

    private static EchoCanceller startEchoCanceller(AudioReceiver receiver, boolean noiseSuppression) {
        try {
            return new EchoCanceller(noiseSuppression, receiver::outputBufferedMicros);
        } catch (MediaException e) {
            log.warn("{}; continuing without it", e.getMessage());
            return null;
        }
    }

    /** Mutes (nothing is sent) or unmutes, and shows the new state in everyone's roster. */
    public void setMuted(boolean muted) {
        sender.setMuted(muted);
        session.changeOwnState(state -> state.withMuted(muted));
    }

    public boolean muted() {
        return sender.muted();
    }

    public AudioSender sender() {
        return sender;
    }

    public AudioReceiver receiver() {
        return receiver;
    }

    /** True when echo cancellation (and, if switched on, noise suppression) is running. */
    public boolean echoCancelling() {
        return echoCanceller != null;
    }

    /** The user's noise suppression switch, live: nothing happens without echo processing (listen only, a file). */
    public void setNoiseSuppression(boolean on) {
        if (echoCanceller != null) {
            echoCanceller.setNoiseSuppression(on);
        }
    }

    /** True while noise suppression cleans what is sent. */
    public boolean noiseSuppressing() {
        return echoCanceller != null && echoCanceller.noiseSuppression();
    }

    @Override
    public void close() {
        stopComputerSound();
        if (capture != null) {
            capture.close();
        }
        sender.close();
        receiver.close();
        if (echoCanceller != null) {
            echoCanceller.close();
        }
    }
}
