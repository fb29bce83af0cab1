package dev.confab.media.effects;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class CameraEffectsTest {
    private static final CaptureDevice CAMERA = new CaptureDevice("test", "Test camera", CaptureDevice.Kind.CAMERA, true);

    @TempDir
    Path dir;

    /** A camera the test drives: each {@link #deliver} is one captured frame. */
    private static final class DrivenCameras implements CaptureFactory {
        VideoFrameListener listener;

        @Override
        public List<CaptureDevice> cameras() {
            return List.of(CAMERA);
        }

        @Override
        public List<CaptureDevice> microphones() {
            return List.of();
        }

        @Override
        public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener frames) {
            listener = frames;
            return new Capture() {
                @Override
                public CaptureDevice device() {
                    return device;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Capture openMicrophone(CaptureDevice device, AudioFrameListener frames) {
            throw new UnsupportedOperationException();
        }

        void deliver(SyntheticPerson picture, ByteBuffer pixels, long micros) {
            listener.onFrame(picture.width, picture.height, picture.width * 4, pixels, micros);
        }
    }

    private record Received(ByteBuffer pixels, int stride) {
    }

    @Test
    void camerasOpenedThroughTheWrapperDeliverTheProcessedPictureOnlyWhileAnEffectIsOn() throws Exception {
        DrivenCameras cameras = new DrivenCameras();
        try (CameraEffects effects = new CameraEffects(EllipseSegmenter::standard)) {
            List<Received> received = new ArrayList<>();
            effects.wrap(cameras).openCamera(CAMERA, VideoFormat.SD_360P30,
                    (w, h, stride, bgra, micros) -> received.add(new Received(bgra, stride)));
            SyntheticPerson picture = new SyntheticPerson(640, 360);
            ByteBuffer camera = picture.direct();

            cameras.deliver(picture, camera, 1_000);
            assertThat(received.getLast().pixels()).as("off: the camera's own buffer, untouched").isSameAs(camera);

            effects.choose(EffectChoice.of(EffectChoice.Kind.BACKGROUND_2));
            assertThat(effects.prepare().get(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                cameras.deliver(picture, camera, 40_000L * (i + 2));
            }
            ByteBuffer processed = received.getLast().pixels();
            assertThat(processed).isNotSameAs(camera);
            int corner = 4 * (5 * 640 + 5); // top left: background
            assertThat(processed.get(corner + 1)).as("the room is replaced").isNotEqualTo(picture.bgra[corner + 1]);
            int centre = 4 * (200 * 640 + 320);
            assertThat(processed.get(centre + 2)).as("the person stays").isEqualTo(picture.bgra[centre + 2]);
            assertThat(effects.stats().snapshot().frames()).isEqualTo(5);
        }
    }

    @Test
    void aPictureThatCannotBeReadTurnsTheEffectOffWithTheReason() throws Exception {
        Path broken = Files.write(dir.resolve("beach.jpg"), new byte[] {1, 2, 3});
        try (CameraEffects effects = new CameraEffects(EllipseSegmenter::standard)) {
            effects.choose(EffectChoice.of(EffectChoice.Kind.BLUR_LIGHT));

            assertThatThrownBy(() -> effects.choose(EffectChoice.picture(broken)))
                    .isInstanceOf(CameraEffects.PictureUnusable.class).hasMessageContaining("beach.jpg");
            assertThat(effects.choice()).isEqualTo(EffectChoice.OFF);
            assertThatThrownBy(() -> effects.choose(EffectChoice.picture(dir.resolve("gone.png"))))
                    .isInstanceOf(CameraEffects.PictureUnusable.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    void whenTheSegmenterCannotOpenEffectsAreUnavailableAndTurnedOff() throws Exception {
        List<String> told = new ArrayList<>();
        try (CameraEffects effects = new CameraEffects(() -> {
            throw new IllegalStateException("no model");
        })) {
            effects.onUnavailable(told::add);
            effects.choose(EffectChoice.of(EffectChoice.Kind.BLUR_STRONG));
            assertThat(effects.prepare().get(10, TimeUnit.SECONDS)).isFalse();

            assertThat(effects.availability()).isEqualTo(CameraEffects.Availability.UNAVAILABLE);
            assertThat(effects.choice()).isEqualTo(EffectChoice.OFF);
            assertThat(told).containsExactly("no model");
            assertThatThrownBy(() -> effects.choose(EffectChoice.of(EffectChoice.Kind.BLUR_LIGHT)))
                    .isInstanceOf(CameraEffects.Unavailable.class);
        }
    }

    @Test
    void theSegmenterIsClosedWithTheEffects() throws Exception {
        EllipseSegmenter model = EllipseSegmenter.standard();
        CameraEffects effects = new CameraEffects(() -> model);
        assertThat(effects.prepare().get(10, TimeUnit.SECONDS)).isTrue();
        effects.close();
        assertThat(model.closed).isTrue();
    }

    @Test
    void storedChoicesReadBackAndAnythingUnknownIsOff() {
        EffectChoice picture = EffectChoice.picture(dir.resolve("me.png"));
        assertThat(EffectChoice.fromStored(picture.storedKind(), picture.storedPicture())).isEqualTo(picture);
        assertThat(EffectChoice.fromStored("blur_strong", "/ignored.png")).isEqualTo(EffectChoice.of(EffectChoice.Kind.BLUR_STRONG));
        assertThat(EffectChoice.fromStored("sparkles", null)).isEqualTo(EffectChoice.OFF);
        assertThat(EffectChoice.fromStored("picture", null)).isEqualTo(EffectChoice.OFF);
        assertThat(EffectChoice.fromStored(null, null)).isEqualTo(EffectChoice.OFF);
    }

    @Test
    void theBundledBackgroundsAreThreeDifferentPictures() {
        int[] frame1 = new int[320 * 180];
        int[] frame2 = new int[320 * 180];
        int[] frame3 = new int[320 * 180];
        BundledBackgrounds.get(1).coverInto(frame1, 320, 180);
        BundledBackgrounds.get(2).coverInto(frame2, 320, 180);
        BundledBackgrounds.get(3).coverInto(frame3, 320, 180);
        assertThat(frame1).isNotEqualTo(frame2).isNotEqualTo(frame3);
        assertThat(frame2).isNotEqualTo(frame3);
        assertThat(java.util.Arrays.stream(frame1).distinct().count()).as("not one colour").isGreaterThan(100);
    }

    @Test
    void aPictureIsScaledToCoverTheFrameWithoutStretching() {
        // A 4:1 picture: left half black, right half white. Covering a 16:9 frame crops the sides, keeps the middle.
        int[] rgb = new int[400 * 100];
        for (int y = 0; y < 100; y++) {
            for (int x = 200; x < 400; x++) {
                rgb[y * 400 + x] = 0xFFFFFF;
            }
        }
        int[] frame = new int[160 * 90];
        new BackgroundPicture(400, 100, rgb).coverInto(frame, 160, 90);
        assertThat(frame[45 * 160 + 10] & 0xFFFFFF).isZero();
        assertThat(frame[45 * 160 + 150] & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(frame[0] >>> 24).isEqualTo(0xFF);
    }
}
