package dev.confab.bot;

import dev.confab.media.CaptureDevice;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.audio.LatencyRecorder;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.audio.RemoteAudioStats;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The bot's audio: sends the 440 Hz test tone (or another one, {@code sine:HZ}, so that listeners can tell
 * bots apart), a looped audio file, or nothing ({@code --audio sine|sine:HZ|FILE|none}), always receives
 * and decodes everyone else in real time (sound discarded, no speakers on a headless bot), and obeys the
 * host's mute request.
 */
final class BotAudio implements AutoCloseable {

    /** The "audio" part of the bot's JSON stats. */
    record Report(String source, long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                  long framesConcealed, double concealedPercent, double jitterMillis, double latencyP50Millis,
                  double latencyP95Millis, boolean mutedByHost, List<RemoteAudioStats> remotes) {

        String summary() {
            return String.format(Locale.ROOT, "Audio: sent %d, received %d, lost %d, concealed %d (%.2f %%), jitter %.1f ms,"
                            + " mouth-to-ear p50 %.0f ms p95 %.0f ms", packetsSent, packetsReceived, packetsLost,
                    framesConcealed, concealedPercent, jitterMillis, latencyP50Millis, latencyP95Millis);
        }
    }

    private static final String SINE_PREFIX = "sine:";

    private final String source;
    private final AudioCall call;
    private final MeetingCall engine;
    private volatile boolean mutedByHost;

    private BotAudio(String source, AudioCall call, MeetingCall engine) {
        this.source = source;
        this.call = call;
        this.engine = engine;
    }

    /**
     * Starts the bot's audio in {@code engine}, which routes received sound to it and makes the video follow it.
     * {@code option}: "sine", "sine:HZ", "none" or the path of an audio file; {@code mixTap} (may be null) also
     * gets the received mix.
     */
    static BotAudio start(MeetingCall engine, String option, dev.confab.media.AudioFrameListener mixTap)
            throws MediaException {
        AudioCall.Source source = switch (option) {
            case "sine" -> AudioCall.Source.microphone(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_MICROPHONE);
            case "none" -> new AudioCall.Source.None();
            case String tone when tone.startsWith(SINE_PREFIX) ->
                    AudioCall.Source.microphone(new FfmpegCaptureFactory(), tone(tone));
            default -> new AudioCall.Source.File(Path.of(option));
        };
        var output = new dev.confab.meeting.audio.TappedAudioOutput(new NullAudioOutput());
        output.setTap(mixTap);
        return new BotAudio(option, engine.startAudio(source, output, AudioCall.Processing.NONE, false), engine);
    }

    /** The synthetic microphone of {@code sine:HZ}; a usage error (MediaException) for a bad frequency. */
    private static CaptureDevice tone(String option) throws MediaException {
        try {
            return FfmpegCaptureFactory.syntheticTone(Integer.parseInt(option.substring(SINE_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new MediaException("'" + option + "' is not sine:HZ with HZ between 20 and 20000");
        }
    }

    /** The host asked us to mute: a bot has no one to ask, so it complies. */
    void muteRequested() {
        mutedByHost = true;
        call.setMuted(true);
    }

    Report report() {
        List<RemoteAudioStats> remotes = List.copyOf(call.receiver().stats().values());
        long received = remotes.stream().mapToLong(RemoteAudioStats::received).sum();
        long played = remotes.stream().mapToLong(RemoteAudioStats::played).sum();
        long concealed = remotes.stream().mapToLong(RemoteAudioStats::concealed).sum();
        double concealedPercent = played + concealed == 0 ? 0 : 100.0 * concealed / (played + concealed);
        double jitter = remotes.stream().mapToDouble(RemoteAudioStats::jitterMillis).max().orElse(0);
        LatencyRecorder latency = call.receiver().combinedLatency();
        return new Report(source, call.sender().packetsSent(), received,
                remotes.stream().mapToLong(RemoteAudioStats::lost).sum(),
                remotes.stream().mapToLong(RemoteAudioStats::late).sum(), concealed, concealedPercent, jitter,
                nanToZero(latency.percentileMillis(0.5)), nanToZero(latency.percentileMillis(0.95)), mutedByHost, remotes);
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** Stops sending and hearing; the figures stay readable. */
    @Override
    public void close() {
        engine.stopAudio();
    }
}
