package dev.confab.meeting.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.AudioLevel;
import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.EchoCanceller;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.call.CallsInMeetings;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.PrivatePulseAudio;
import dev.confab.testing.SpeechLikeSignal;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Share computer sound" with a real sound server: a private PulseAudio with a null sink as the computer's
 * output, another program (pacat) playing into it, and Confab capturing its monitor through FFmpeg's pulse input.
 */
@IntegrationTest
class ComputerSoundShareTest {
    private static final int CHUNK = 960;
    private static final int RATE = 48_000;
    private static final double MUSIC_HZ = 1000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static PrivatePulseAudio pulse;

    @RegisterExtension
    final CallsInMeetings calls = new CallsInMeetings();

    @BeforeAll
    static void startSoundServer() throws Exception {
        pulse = PrivatePulseAudio.start();
    }

    @AfterAll
    static void stopSoundServer() {
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void bobHearsTheSharedSoundWhileAdaIsMutedUntilTheShareStops() throws Exception {
        MeetingServer server = TestServers.start(TestServers.loopback());
        try (PrivatePulseAudio.Program music = pulse.play(PrivatePulseAudio.tone(MUSIC_HZ, 8000))) {
            MeetingCall ada = calls.join(server.url(), "Ada", null);
            MeetingCall bob = calls.join(server.url(), "Bob", ada.session().roster().meetingId());
            Recent heard = new Recent(RATE / 2);
            TappedAudioOutput bobsSpeaker = new TappedAudioOutput(new NullAudioOutput());
            bobsSpeaker.setTap((pcm, count, time) -> heard.add(pcm, count));
            bob.startAudio(new AudioCall.Source.None(), bobsSpeaker, AudioCall.Processing.NONE, true);
            // Ada's microphone is a 440 Hz tone, and she is muted: only the computer's 1 kHz may reach Bob.
            AudioCall adasAudio = ada.startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(),
                    FfmpegCaptureFactory.syntheticTone(440)), new NullAudioOutput(), AudioCall.Processing.ECHO_AND_NOISE, true);
            ScreenShareController share = ada.startScreenShare(ScreenCaptureFactory.syntheticOnly(),
                    (sharer, w, h, stride, bgra, time) -> { }, new ScreenShareController.Events() { });
            share.start(ScreenCaptureFactory.SYNTHETIC_SCREEN, false,
                    ada.computerSound(listener -> ComputerSoundCapture.openPulse(pulse.server(), listener)));

            await().atMost(WAIT).until(() -> Math.abs(heard.dominantFrequency() - MUSIC_HZ) < 10 && heard.rmsDbfs() > -40);
            short[] last = heard.snapshot();
            assertThat(ToneAnalysis.powerAt(last, last.length, 440))
                    .as("Ada's muted microphone is not heard, only the computer sound")
                    .isLessThan(ToneAnalysis.powerAt(last, last.length, MUSIC_HZ) / 1000);
            assertThat(adasAudio.muted()).isTrue();

            share.stop();
            await().atMost(WAIT).until(() -> !adasAudio.sharingComputerSound());
            await("Bob hears nothing once the share stopped").atMost(WAIT)
                    .until(() -> heard.rmsDbfs() < -70);
        } finally {
            server.stop();
        }
    }

    @Test
    void confabsOwnPlaybackIsRemovedFromTheSharedSoundAndTheMusicStays() throws Exception {
        // The computer plays music (1 kHz) and Confab's playback of the meeting (a speech-like 300 Hz voice);
        // both reach the sound server's monitor. Confab's playback is also handed to the mix as the far end.
        short[] voice = SpeechLikeSignal.voice(RATE * 10, 7, 300);
        Recent before = new Recent(RATE);
        Recent after = new Recent(RATE);
        AtomicInteger chunksMixed = new AtomicInteger();
        short[] silentMicrophone = new short[CHUNK];
        try (ComputerSoundMix mix = new ComputerSoundMix(new EchoCanceller(false, () -> 20_000));
             var capture = ComputerSoundCapture.openPulse(pulse.server(), (pcm, count, time) -> {
                 before.add(pcm, count);
                 mix.onSamples(pcm, count, time);
                 java.util.Arrays.fill(silentMicrophone, (short) 0);
                 mix.addTo(silentMicrophone, CHUNK);
                 after.add(silentMicrophone, CHUNK);
                 chunksMixed.incrementAndGet();
             });
             PrivatePulseAudio.Program computer = pulse.play(i -> (short) (voice[i % voice.length] + tone(MUSIC_HZ, 4000, i)),
                     chunk -> mix.onPlayback(farEnd(voice, chunk), CHUNK))) {
            int start = chunksMixed.get();
            await().atMost(WAIT).until(() -> chunksMixed.get() - start >= 5 * 50); // the canceller adapts first
            double[] removed = {0};
            // Then, within 30 s, one second (the last) where Confab's playback is at least 15 dB down: a loaded
            // machine's late wake-ups can shift the echo's delay, and the canceller needs a moment to follow.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                removed[0] = decibels(band(before.snapshot(), 300) / band(after.snapshot(), 300));
                return removed[0] > 15;
            });
            short[] in = before.snapshot();
            short[] out = after.snapshot();
            double musicChange = decibels(ToneAnalysis.powerAt(out, out.length, MUSIC_HZ) / ToneAnalysis.powerAt(in, in.length, MUSIC_HZ));
            System.out.printf("computer sound: playback removed by %.1f dB after %.1f s, music changed by %.1f dB%n",
                    removed[0], (chunksMixed.get() - start) / 50.0, musicChange);
            assertThat(AudioLevel.rmsDbfs(in, in.length)).as("the monitor carries the computer's sound").isGreaterThan(-30);
            assertThat(musicChange).as("the music is kept, dB").isGreaterThan(-6);
        }
    }

    @Test
    void aBotSharesTheComputersSoundWithItsScreen(@TempDir Path dir) throws Exception {
        MeetingServer server = TestServers.start(TestServers.loopback());
        try (PrivatePulseAudio.Program music = pulse.play(PrivatePulseAudio.tone(MUSIC_HZ, 20_000))) {
            Path sharerStats = dir.resolve("sharer.json");
            Path listenerStats = dir.resolve("listener.json");
            var sharer = CliRun.inBackground("bot", "--server", server.url().toString(), "--new", "--audio", "sine:300",
                    "--share", "testsrc", "--share-sound=" + pulse.server(), "--duration", "60s",
                    "--stats-json", sharerStats.toString());
            CliRun listener = CliRun.of("bot", "--server", server.url().toString(), "--meeting", sharer.meetingId(),
                    "--audio", "none", "--duration", "3s", "--stats-json", listenerStats.toString());
            assertThat(listener.exitCode()).isZero();
            assertThat(sharer.leaveNow().result().exitCode()).isZero();

            assertThat(new ObjectMapper().readTree(sharerStats.toFile()).get("share").get("computerSound").asBoolean())
                    .isTrue();
            JsonNode heard = new ObjectMapper().readTree(listenerStats.toFile()).get("audio").get("remotes").get(0);
            assertThat(heard.get("dominantHz").asDouble()).as("the listener hears the computer's loud 1 kHz")
                    .isBetween(MUSIC_HZ - 10, MUSIC_HZ + 10);
        } finally {
            server.stop();
        }
    }

    private static short[] farEnd(short[] voice, int chunk) {
        short[] pcm = new short[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            pcm[i] = voice[(chunk * CHUNK + i) % voice.length];
        }
        return pcm;
    }

    /** Power of the voice around its wandering base frequency. */
    private static double band(short[] pcm, double baseHz) {
        double sum = 0;
        for (double hz = baseHz - 150; hz <= baseHz + 150; hz += 10) {
            sum += ToneAnalysis.powerAt(pcm, pcm.length, hz);
        }
        return sum;
    }

    private static double decibels(double powerRatio) {
        return 10 * Math.log10(powerRatio);
    }

    private static short tone(double hz, double amplitude, int sample) {
        return (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * sample / RATE));
    }

    /** The last {@code capacity} samples, from any thread. */
    private static final class Recent {
        private final short[] ring;
        private long written;

        Recent(int capacity) {
            ring = new short[capacity];
        }

        synchronized void add(short[] pcm, int count) {
            for (int i = 0; i < count; i++) {
                ring[(int) (written++ % ring.length)] = pcm[i];
            }
        }

        synchronized short[] snapshot() {
            short[] copy = new short[ring.length];
            for (int i = 0; i < ring.length; i++) {
                copy[i] = ring[(int) ((written + i) % ring.length)];
            }
            return copy;
        }

        double dominantFrequency() {
            short[] pcm = snapshot();
            return ToneAnalysis.dominantFrequency(pcm, pcm.length);
        }

        double rmsDbfs() {
            short[] pcm = snapshot();
            return AudioLevel.rmsDbfs(pcm, pcm.length);
        }
    }
}
