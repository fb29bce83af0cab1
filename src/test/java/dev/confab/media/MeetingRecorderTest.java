package dev.confab.media;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bytedeco.ffmpeg.global.avutil;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void aFourByThreePictureIsLetterboxedNotStretched() throws Exception {
        Path file = dir.resolve("letterbox.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        ByteBuffer white = ByteBuffer.allocateDirect(640 * 480 * 4);
        while (white.hasRemaining()) {
            white.put((byte) 255);
        }
        for (int i = 0; i < 15; i++) {
            recorder.onFrame(640, 480, 640 * 4, white.clear(), i * 33_333L);
        }
        recorder.stop().get(60, TimeUnit.SECONDS);

        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame frame = grabber.grabImage();
            ByteBuffer luma = (ByteBuffer) frame.image[0];
            int row = 360 * frame.imageStride;
            // 4:3 inside 16:9 at 720 lines is 960 wide: black bars of 160 pixels left and right.
            assertThat(luma.get(row + 80) & 0xFF).isLessThan(30);
            assertThat(luma.get(row + 640) & 0xFF).isGreaterThan(225);
            assertThat(luma.get(row + 1200) & 0xFF).isLessThan(30);
            assertThat(luma.get(row + 170) & 0xFF).isGreaterThan(225);
        }
    }

    @Test
    void soundWithoutPicturesRecordsBlackVideoForTheWholeTime() throws Exception {
        Path file = dir.resolve("camera-off.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        new SyntheticMeetingFeed(320, 240).feed((w, h, s, p, t) -> { }, recorder, 3, 0, false);
        recorder.stop().get(60, TimeUnit.SECONDS);

        Decoded decoded = Decoded.read(file);
        assertThat(decoded.videoSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(decoded.audioSeconds()).isCloseTo(3.0, within(0.1));
    }

    @Test
    void picturesWithoutSoundStillMakeAPlayableFile() throws Exception {
        Path file = dir.resolve("silent.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        new SyntheticMeetingFeed(320, 240).feed(recorder, (pcm, n, t) -> { }, 2, 0, false);
        recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(Decoded.read(file).videoSeconds()).isCloseTo(2.0, within(0.1));
    }

    @Test
    void stoppingBeforeAnyInputLeavesNoFile() throws Exception {
        Path file = dir.resolve("nothing.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        MeetingRecorder.Summary summary = recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(summary.framesWritten()).isZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void aPictureSmallerThanItsSizeSaysIsRefusedAndRecordingGoesOn() throws Exception {
        Path file = dir.resolve("bad-input.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        assertThatThrownBy(() -> recorder.onFrame(640, 480, 640 * 4, ByteBuffer.allocate(100), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("640x480");
        new SyntheticMeetingFeed(320, 240).feed(recorder, recorder, 1, 0, false);
        recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(Decoded.read(file).videoSeconds()).isCloseTo(1.0, within(0.1));
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
