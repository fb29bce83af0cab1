package dev.confab.bot;

import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bot --record}: one bot sends camera and tone, the other records what it receives. */
@IntegrationTest
class BotRecordTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();

    @Test
    void aBotRecordsTheVideoAndSoundItReceives() throws Exception {
        MeetingServer server = servers.loopback();
        String url = server.url().toString();
        var sender = CliRun.inBackground("bot", "--server", url,
                "--new", "--duration", "60s", "--video", "testsrc", "--video-size", "640x360", "--fps", "15",
                "--audio", "sine");

        Path file = dir.resolve("received.mp4");
        CliRun recorder = CliRun.of("bot", "--server", url, "--meeting", sender.meetingId(), "--duration", "4s",
                "--record", file.toString());
        assertThat(recorder.exitCode()).as(recorder.err()).isZero();
        assertThat(recorder.out()).contains("Recording: " + file);
        assertThat(sender.leaveNow().result().exitCode()).isZero(); // the recorder has been and gone

        assertThat(file).isRegularFile();
        assertThat(Files.size(file)).isPositive();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(1280);
            assertThat(grabber.getImageHeight()).isEqualTo(720);
            assertThat(grabber.getAudioChannels()).isEqualTo(1);
            long pictures = 0;
            long lastPictureMicros = 0;
            long lastSoundMicros = 0;
            double loudest = 0;
            for (Frame frame; (frame = grabber.grab()) != null; ) {
                if (frame.image != null) {
                    pictures++;
                    lastPictureMicros = frame.timestamp;
                }
                if (frame.samples != null) {
                    lastSoundMicros = frame.timestamp;
                    var samples = (java.nio.ShortBuffer) frame.samples[0]; // the grabber converts to S16
                    for (int i = samples.position(); i < samples.limit(); i++) {
                        loudest = Math.max(loudest, Math.abs(samples.get(i)) / 32768.0);
                    }
                }
            }
            // ~4 s in the meeting, minus joining and the first keyframe: at least 2.5 s of each.
            assertThat(lastPictureMicros).isBetween(2_500_000L, 5_500_000L);
            assertThat(pictures).isGreaterThan(70);
            assertThat(lastSoundMicros).isBetween(2_500_000L, 5_500_000L);
            assertThat(loudest).as("the received tone is in the recording").isGreaterThan(0.05);
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsAUsageError() throws Exception {
        MeetingServer server = servers.loopback();
        var host = dev.confab.testing.TestClient.greeted(server.url());
        String meetingId = host.create("Host", null).meetingId();
        CliRun run = CliRun.of("bot", "--server", server.url().toString(), "--meeting", meetingId, "--duration", "1s",
                "--record", dir.resolve("missing-folder").resolve("x.mp4").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--record: ");
        host.close();
    }
}
