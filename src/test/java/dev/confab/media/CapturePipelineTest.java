package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Capture feeding the codecs directly, as the send path will: camera → VP8 → decoder, microphone → Opus → decoder. */
@IntegrationTest
class CapturePipelineTest {
    private final FfmpegCaptureFactory factory = new FfmpegCaptureFactory();

    private interface PacketDecoder {
        void decode(EncodedPacket packet) throws MediaException;
    }

    private static void decode(PacketDecoder decoder, EncodedPacket packet) {
        try {
            decoder.decode(packet);
        } catch (MediaException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cameraFramesEncodeAndDecodeOnTheCaptureThread() throws Exception {
        VideoFormat format = new VideoFormat(320, 240, 15);
        AtomicInteger decodedFrames = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        try (VideoEncoder encoder = new VideoEncoder(VideoCodec.PREFERRED, format, 400_000);
             VideoDecoder decoder = new VideoDecoder(VideoCodec.PREFERRED, (width, height, stride, bgra, time) -> {
                 if (width != format.width() || height != format.height()) {
                     problem.compareAndSet(null, "decoded " + width + "x" + height);
                 }
                 decodedFrames.incrementAndGet();
             });
             Capture camera = factory.openCamera(FfmpegCaptureFactory.SYNTHETIC_CAMERA, format,
                     (width, height, stride, bgra, time) -> {
                         try {
                             encoder.encodeBgra(bgra, width, height, stride, time, packet -> decode(decoder::decode, packet));
                         } catch (MediaException | RuntimeException e) {
                             problem.compareAndSet(null, e.toString());
                         }
                     })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> decodedFrames.get() >= 10 || problem.get() != null);
            assertThat(camera.device().synthetic()).isTrue();
        }
        assertThat(problem.get()).isNull();
    }

    @Test
    void microphoneChunksEncodeAndDecodeToTheSameTone() throws Exception {
        AtomicInteger decodedChunks = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        short[] lastDecoded = new short[AudioEncoder.FRAME_SAMPLES];
        try (AudioEncoder encoder = new AudioEncoder(32_000, false);
             AudioDecoder decoder = new AudioDecoder((pcm, count, time) -> {
                 synchronized (lastDecoded) {
                     System.arraycopy(pcm, 0, lastDecoded, 0, Math.min(count, lastDecoded.length));
                 }
                 decodedChunks.incrementAndGet();
             });
             Capture microphone = factory.openMicrophone(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE, (pcm, count, time) -> {
                 try {
                     encoder.encode(pcm, count, time, packet -> decode(decoder::decode, packet));
                 } catch (MediaException | RuntimeException e) {
                     problem.compareAndSet(null, e.toString());
                 }
             })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> decodedChunks.get() >= 15 || problem.get() != null);
            assertThat(microphone.device().kind()).isEqualTo(CaptureDevice.Kind.MICROPHONE);
        }
        assertThat(problem.get()).isNull();
        synchronized (lastDecoded) {
            assertThat(Signals.powerAt(lastDecoded, lastDecoded.length, 440))
                    .isGreaterThan(100 * Signals.powerAt(lastDecoded, lastDecoded.length, 1000));
        }
    }
}
