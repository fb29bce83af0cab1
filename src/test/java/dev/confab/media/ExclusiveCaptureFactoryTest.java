package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The meeting's camera waits for the lobby's preview to let go of the same device. */
@UnitTest
class ExclusiveCaptureFactoryTest {
    private static final CaptureDevice CAMERA = new CaptureDevice("cam0", "Front camera", CaptureDevice.Kind.CAMERA, false);
    private static final CaptureDevice OTHER = new CaptureDevice("cam1", "USB camera", CaptureDevice.Kind.CAMERA, false);

    /** A device that, like a real camera, refuses a second open while it is open. */
    private static final class BusyOnSecondOpen implements CaptureFactory {
        final List<String> open = new CopyOnWriteArrayList<>();

        @Override
        public List<CaptureDevice> cameras() {
            return List.of(CAMERA, OTHER);
        }

        @Override
        public List<CaptureDevice> microphones() {
            return List.of();
        }

        @Override
        public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
            if (open.contains(device.id())) {
                throw new MediaException("Device or resource busy");
            }
            open.add(device.id());
            return new Capture() {
                @Override
                public CaptureDevice device() {
                    return device;
                }

                @Override
                public void close() {
                    open.remove(device.id());
                }
            };
        }

        @Override
        public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    private static final VideoFrameListener NOTHING = (w, h, stride, pixels, time) -> { };

    @Test
    void aSecondOpenWaitsUntilTheFirstIsClosed() throws Exception {
        BusyOnSecondOpen devices = new BusyOnSecondOpen();
        ExclusiveCaptureFactory factory = new ExclusiveCaptureFactory(devices, Duration.ofSeconds(10));
        Capture preview = factory.openCamera(CAMERA, VideoFormat.SD_360P30, NOTHING);

        CompletableFuture<Capture> meeting = CompletableFuture.supplyAsync(() -> {
            try {
                return factory.openCamera(CAMERA, VideoFormat.SD_360P30, NOTHING);
            } catch (MediaException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(factory.openCamera(OTHER, VideoFormat.SD_360P30, NOTHING)).as("another device is free").isNotNull();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).alias("waits while the preview holds the camera")
                .until(() -> !meeting.isDone());

        preview.close();
        Capture camera = meeting.get(10, TimeUnit.SECONDS);
        assertThat(camera.device()).isEqualTo(CAMERA);
        camera.close();
        camera.close(); // twice is harmless
        await().atMost(Duration.ofSeconds(5)).until(() -> !devices.open.contains(CAMERA.id()));
    }

    @Test
    void aDeviceNeverReleasedGivesAClearErrorAfterTheWait() throws Exception {
        ExclusiveCaptureFactory factory = new ExclusiveCaptureFactory(new BusyOnSecondOpen(), Duration.ofMillis(200));
        factory.openCamera(CAMERA, VideoFormat.SD_360P30, NOTHING);
        assertThatThrownBy(() -> factory.openCamera(CAMERA, VideoFormat.SD_360P30, NOTHING))
                .isInstanceOf(MediaException.class).hasMessageContaining("Front camera is still in use");
    }
}
