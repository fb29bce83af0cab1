package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class FfmpegCaptureFactoryTest {
    private final FfmpegCaptureFactory factory = new FfmpegCaptureFactory();

    @Test
    void syntheticSourcesAreAlwaysListedLastAndLabelled() {
        assertThat(factory.cameras()).last().isEqualTo(FfmpegCaptureFactory.SYNTHETIC_CAMERA);
        assertThat(factory.microphones()).last().isEqualTo(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE);
        assertThat(FfmpegCaptureFactory.SYNTHETIC_CAMERA.displayName()).containsIgnoringCase("synthetic");
        assertThat(factory.cameras()).allMatch(device -> device.kind() == CaptureDevice.Kind.CAMERA);
        assertThat(factory.microphones()).allMatch(device -> device.kind() == CaptureDevice.Kind.MICROPHONE);
    }

    @Test
    void syntheticCameraDeliversOpaqueFramesOfTheRequestedSizeInRealTime() throws Exception {
        VideoFormat format = new VideoFormat(320, 240, 15);
        AtomicInteger frames = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Set<Long> bufferAddresses = ConcurrentHashMap.newKeySet();

        long started = System.nanoTime();
        try (Capture capture = factory.openCamera(FfmpegCaptureFactory.SYNTHETIC_CAMERA, format,
                (width, height, stride, bgra, time) -> {
                    threadNames.add(Thread.currentThread().getName());
                    bufferAddresses.add(new BytePointer(bgra).address());
                    String issue = checkFrame(format, width, height, stride, bgra);
                    if (issue != null) {
                        problem.compareAndSet(null, issue);
                    }
                    frames.incrementAndGet();
                })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= 15);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(capture.device()).isEqualTo(FfmpegCaptureFactory.SYNTHETIC_CAMERA);
            // Paced to real time: lavfi alone would deliver thousands of small frames per second.
            assertThat(frames.get() / seconds).isLessThan(format.fps() * 2.0).isGreaterThan(format.fps() / 5.0);
        }
        assertThat(problem.get()).isNull();
        assertThat(threadNames).containsExactly("camera-capture");
        assertThat(bufferAddresses).as("one reused native picture buffer").hasSize(1);
    }

    @Test
    void closingTheCameraStopsDelivery() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        Capture capture = factory.openCamera(FfmpegCaptureFactory.SYNTHETIC_CAMERA, new VideoFormat(160, 120, 30),
                (width, height, stride, bgra, time) -> frames.incrementAndGet());
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= 3);

        capture.close();
        int afterClose = frames.get();
        capture.close();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> frames.get() == afterClose);
    }

    @Test
    void syntheticMicrophoneDeliversTwentyMillisecondChunksOfA440HzTone() throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        short[] lastChunk = new short[PcmChunker.CHUNK_SAMPLES];

        Capture capture = factory.openMicrophone(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE, (pcm, count, time) -> {
            if (count != 960) {
                problem.compareAndSet(null, "chunk of " + count + " samples");
            }
            synchronized (lastChunk) {
                System.arraycopy(pcm, 0, lastChunk, 0, count);
            }
            chunks.incrementAndGet();
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> chunks.get() >= 10);
        } finally {
            capture.close();
        }
        assertThat(problem.get()).isNull();
        synchronized (lastChunk) {
            double tone = Signals.powerAt(lastChunk, lastChunk.length, 440);
            assertThat(tone).isGreaterThan(100 * Signals.powerAt(lastChunk, lastChunk.length, 1000));
            assertThat(tone).isGreaterThan(100 * Signals.powerAt(lastChunk, lastChunk.length, 220));
            assertThat(AudioLevel.rmsDbfs(lastChunk, lastChunk.length)).isGreaterThan(-30);
        }
    }

    @Test
    void closingTheMicrophoneStopsDelivery() throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        Capture capture = factory.openMicrophone(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE,
                (pcm, count, time) -> chunks.incrementAndGet());
        await().atMost(Duration.ofSeconds(10)).until(() -> chunks.get() >= 3);

        capture.close();
        int afterClose = chunks.get();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> chunks.get() == afterClose);
    }

    @Test
    void missingCameraGivesAReadableError() {
        CaptureDevice missing = new CaptureDevice("v4l2:/dev/video-missing", "Camera that is not there",
                CaptureDevice.Kind.CAMERA, false);
        AtomicBoolean delivered = new AtomicBoolean();

        assertThatThrownBy(() -> factory.openCamera(missing, VideoFormat.SD_360P30, (w, h, s, b, t) -> delivered.set(true)))
                .isInstanceOf(MediaException.class)
                .hasMessage("Camera Camera that is not there is busy or missing");
        assertThat(delivered).isFalse();
    }

    @Test
    void missingMicrophoneGivesAReadableError() {
        CaptureDevice missing = new CaptureDevice("alsa:hw:99,0", "USB headset", CaptureDevice.Kind.MICROPHONE, false);

        assertThatThrownBy(() -> factory.openMicrophone(missing, (pcm, count, time) -> { }))
                .isInstanceOf(MediaException.class)
                .hasMessage("Microphone USB headset is busy or missing");
    }

    @Test
    void aMicrophoneCannotBeOpenedAsACamera() {
        assertThatThrownBy(() -> factory.openCamera(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE, VideoFormat.SD_360P30,
                (w, h, s, b, t) -> { }))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining("is not a camera");
    }

    private static String checkFrame(VideoFormat format, int width, int height, int stride, ByteBuffer bgra) {
        if (width != format.width() || height != format.height()) {
            return "frame " + width + "x" + height;
        }
        if (stride < width * 4 || bgra.capacity() < stride * height || bgra.position() != 0) {
            return "buffer too small: stride " + stride + ", capacity " + bgra.capacity();
        }
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 5) {
                if (bgra.get(y * stride + x * 4 + 3) != (byte) 0xFF) {
                    return "alpha not 255 at " + x + "," + y;
                }
            }
        }
        return null;
    }
}
