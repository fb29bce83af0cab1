package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@IntegrationTest
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
        RecordedLuma luma = recordWhiteAndReadFirstPicture(640, 480);
        int row = 360 * luma.stride();
        // 4:3 inside 16:9 at 720 lines is 960 wide: black bars of 160 pixels left and right.
        assertThat(luma.get(row + 80) & 0xFF).isLessThan(30);
        assertThat(luma.get(row + 640) & 0xFF).isGreaterThan(225);
        assertThat(luma.get(row + 1200) & 0xFF).isLessThan(30);
        assertThat(luma.get(row + 170) & 0xFF).isGreaterThan(225);
    }

    /**
     * A 5:4 screen (1280x1024) fits 900 pixels wide: swscale writes whole blocks of 16 pixels, so a picture of that
     * width drew a stripe into the black bar to its right; the picture's width is now a multiple of 32.
     */
    @Test
    void thePillarboxBarsStayBlackForAPictureWhoseFittedWidthIsNoMultipleOf16() throws Exception {
        RecordedLuma luma = recordWhiteAndReadFirstPicture(1280, 1024);
        for (int y : new int[]{100, 360, 700}) {
            int row = y * luma.stride();
            int firstWhite = -1;
            int lastWhite = -1;
            for (int x = 0; x < 1280; x++) {
                if ((luma.get(row + x) & 0xFF) > 225) {
                    lastWhite = x;
                    firstWhite = firstWhite < 0 ? x : firstWhite;
                }
            }
            for (int x = 0; x < firstWhite - 2; x++) {
                assertThat(luma.get(row + x) & 0xFF).as("left bar, pixel %d of row %d", x, y).isLessThan(30);
            }
            // About 900 pixels of picture, centred, and nothing white in the bars.
            assertThat(lastWhite - firstWhite + 1).as("picture width in row %d", y).isBetween(880, 904);
            assertThat(firstWhite).isBetween(180, 200);
            for (int x = lastWhite + 3; x < 1280; x++) {
                assertThat(luma.get(row + x) & 0xFF).as("right bar, pixel %d of row %d", x, y).isLessThan(30);
            }
        }
    }

    /** The luma plane of a recording's first picture (its rows {@code stride} bytes apart). */
    private record RecordedLuma(ByteBuffer plane, int stride) {
        int get(int index) {
            return plane.get(index);
        }
    }

    /** Records half a second of an all-white {@code width}x{@code height} picture and decodes its first picture. */
    private RecordedLuma recordWhiteAndReadFirstPicture(int width, int height) throws Exception {
        Path file = dir.resolve("white-" + width + "x" + height + ".mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        ByteBuffer white = ByteBuffer.allocateDirect(width * height * 4);
        while (white.hasRemaining()) {
            white.put((byte) 255);
        }
        for (int i = 0; i < 15; i++) {
            recorder.onFrame(width, height, width * 4, white.clear(), i * 33_333L);
        }
        recorder.stop().get(60, TimeUnit.SECONDS);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame frame = grabber.grabImage();
            ByteBuffer plane = (ByteBuffer) frame.image[0];
            ByteBuffer copy = ByteBuffer.allocate(plane.capacity());
            copy.put(plane.duplicate().clear()).flip();
            return new RecordedLuma(copy, frame.imageStride);
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

    @Test
    void picturesArrivingSlowerThanTheFrameRateAreHeldInEverySlotAndDecodeCorrectly() throws Exception {
        // A camera or shared screen sending 10 pictures per second: two of every three slots repeat a picture.
        Path file = dir.resolve("ten-fps.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        TestPictures source = new TestPictures(1280, 720);
        List<ByteBuffer> pictures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pictures.add(source.picture(i * 10));
        }
        for (int i = 0; i < 25; i++) {
            Duration at = Duration.ofMillis(i * 100L);
            recorder.onFrame(1280, 720, 1280 * 4, pictures.get(i % 5).clear(), at.toNanos() / 1000);
            recorder.onSamples(new short[4800], 4800, at.toNanos() / 1000);
            // One at a time, so that none is dropped for arriving faster than real time.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> recorder.recordedDuration().compareTo(at) >= 0);
        }
        MeetingRecorder.Summary summary = recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(summary.framesDropped()).isZero();
        assertThat(summary.framesWritten()).isBetween(72L, 76L);
        for (String decoder : h264Decoders()) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.setVideoCodecName(decoder);
                grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
                grabber.start();
                int slot = 0;
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    assertThat(closestPicture(pictures, frame)).as("%s, frame %d", decoder, slot).isEqualTo(slot / 3 % 5);
                    slot++;
                }
                assertThat(slot).as(decoder).isEqualTo((int) summary.framesWritten());
            }
        }
        FfprobeCheck.ifInstalled(file).ifPresent(probe ->
                assertThat(probe.videoSeconds()).isCloseTo(summary.framesWritten() / 30.0, within(0.05)));
        // The 48 repeated slots are stored as tiny all-skipped pictures, not encoded again.
        assertThat(videoPacketSizes(file).stream().filter(size -> size < 64).count()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void theSamePictureSentAgainIsStoredAsRepeatsNotEncodedAgain() throws Exception {
        // A shared slide delivered 30 times per second: one real picture per second (the keyframe), repeats between.
        Path file = dir.resolve("slide.mp4");
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT, Map.of(), e -> { });
        ByteBuffer slide = new TestPictures(1280, 720).picture(0);
        for (int i = 0; i < 60; i++) {
            Duration at = Duration.ofNanos(i * 1_000_000L / 30 * 1000); // whole microseconds, as the recorder counts
            recorder.onFrame(1280, 720, 1280 * 4, slide.clear(), at.toNanos() / 1000);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> recorder.recordedDuration().compareTo(at) >= 0);
        }
        MeetingRecorder.Summary summary = recorder.stop().get(60, TimeUnit.SECONDS);

        assertThat(summary.framesWritten()).isEqualTo(60);
        List<Integer> sizes = videoPacketSizes(file);
        assertThat(sizes).hasSize(60);
        assertThat(sizes.stream().filter(size -> size < 64).count()).isEqualTo(58);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                assertThat(closestPicture(List.of(slide), frame)).isZero();
            }
        }
    }

    private static List<Integer> videoPacketSizes(Path file) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == grabber.getVideoStream()) {
                    sizes.add(packet.size());
                }
            }
        }
        return sizes;
    }

    /** FFmpeg's own H.264 decoder, and Cisco's OpenH264 decoder where this FFmpeg build has it. */
    private static List<String> h264Decoders() {
        List<String> decoders = new ArrayList<>(List.of("h264"));
        if (avcodec.avcodec_find_decoder_by_name("libopenh264") != null) {
            decoders.add("libopenh264");
        }
        return decoders;
    }

    /** Which of {@code pictures} the decoded frame shows (the one it differs least from, and by little). */
    private static int closestPicture(List<ByteBuffer> pictures, Frame frame) {
        int closest = -1;
        double smallest = Double.MAX_VALUE;
        for (int i = 0; i < pictures.size(); i++) {
            double difference = TestPictures.meanAbsoluteDifference(pictures.get(i), (ByteBuffer) frame.image[0],
                    1280, 720, frame.imageStride);
            if (difference < smallest) {
                smallest = difference;
                closest = i;
            }
        }
        return smallest < 8 ? closest : -1;
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
