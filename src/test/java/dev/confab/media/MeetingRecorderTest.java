package dev.confab.media;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeetingRecorderTest {
    @TempDir
    Path dir;

    @Test
    void tenSecondsOfInputBecomeTenSecondsOfVideoAndAudioReadByAnIndependentDecoder() throws Exception {
        Path file = dir.resolve("meeting.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of("title", "Weekly sync"), e -> { });
        new SyntheticMeetingFeed(640, 480).feed(recorder, recorder, 10, 1_000_000_000L, false);
        MeetingRecorder.Summary summary = recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(summary.failed()).isFalse();
        assertThat(summary.framesWritten()).isBetween(299L, 301L);
        Decoded decoded = Decoded.read(file);
        assertThat(decoded.width).isEqualTo(1280);
        assertThat(decoded.height).isEqualTo(720);
        assertThat(decoded.frameRate).isCloseTo(30.0, within(0.1));
        assertThat(decoded.videoSeconds()).isCloseTo(10.0, within(0.1));
        assertThat(decoded.audioSeconds()).isCloseTo(10.0, within(0.1));
        assertThat(MediaFileInfo.read(file).title()).contains("Weekly sync");
        FfprobeCheck.ifInstalled(file).ifPresent(probe -> {
            assertThat(probe.videoSeconds()).isCloseTo(10.0, within(0.15));
            assertThat(probe.audioSeconds()).isCloseTo(10.0, within(0.15));
        });
    }

    /** Counts what FFmpegFrameGrabber (JavaCV's reader, not our code) decodes from a file. */
    static final class Decoded {
        int width;
        int height;
        double frameRate;
        long videoFrames;
        long audioSamples;
        int sampleRate;

        double videoSeconds() {
            return videoFrames / frameRate;
        }

        double audioSeconds() {
            return (double) audioSamples / sampleRate;
        }

        static Decoded read(Path file) throws Exception {
            Decoded decoded = new Decoded();
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                decoded.width = grabber.getImageWidth();
                decoded.height = grabber.getImageHeight();
                decoded.frameRate = grabber.getFrameRate();
                decoded.sampleRate = grabber.getSampleRate();
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        decoded.videoFrames++;
                    }
                    if (frame.samples != null) {
                        decoded.audioSamples += frame.samples[0].remaining();
                    }
                }
            }
            return decoded;
        }
    }
}
