package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class CameraCaptureTest {
    @Test
    void aCameraOfTheRequestedShapeFillsTheRequestedSize() {
        assertThat(CameraCapture.fitWithin(1920, 1080, 1280, 720)).containsExactly(1280, 720);
        assertThat(CameraCapture.fitWithin(1280, 720, 1280, 720)).containsExactly(1280, 720);
    }

    @Test
    void aFourByThreeCameraIsNotStretchedToSixteenByNine() {
        assertThat(CameraCapture.fitWithin(640, 480, 1280, 720)).containsExactly(960, 720);
    }

    @Test
    void aWideCameraInATallBoxKeepsItsShapeWithEvenSize() {
        assertThat(CameraCapture.fitWithin(1280, 720, 640, 480)).containsExactly(640, 360);
        assertThat(CameraCapture.fitWithin(1000, 333, 640, 480)[1] % 2).isZero();
    }
}
