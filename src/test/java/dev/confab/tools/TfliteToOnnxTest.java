package dev.confab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.testing.UnitTest;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model Confab ships is exactly what the converter makes of the documented TFLite file. */
@UnitTest
class TfliteToOnnxTest {
    @Test
    void theShippedModelIsTheConversionOfTheDocumentedTfliteFile() throws Exception {
        byte[] converted = TfliteToOnnx.convert(resource("selfie_segmentation_landscape.tflite"));

        try (InputStream shipped = getClass().getResourceAsStream("/dev/confab/media/effects/selfie_segmentation_landscape.onnx")) {
            assertThat(shipped).isNotNull();
            assertThat(converted).isEqualTo(shipped.readAllBytes());
        }
    }

    @Test
    void samePaddingPutsTheOddRowAndColumnAtTheBottomAndRight() {
        // 144x256 input, 3x3 kernel, stride 2: output 72x128, one row and one column of padding in all.
        assertThat(TfliteToOnnx.samePads(new int[] {1, 144, 256, 3}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}))
                .containsExactly(0, 0, 1, 1);
        // stride 1 keeps the size: a 5x5 kernel pads two on every side.
        assertThat(TfliteToOnnx.samePads(new int[] {1, 9, 16, 96}, new int[] {5, 5}, new int[] {1, 1}, new int[] {1, 1}))
                .containsExactly(2, 2, 2, 2);
    }

    @Test
    void transposeMovesTfliteWeightsIntoOnnxOrder() {
        // [O=1, H=1, W=2, I=3] -> [O, I, H, W]
        float[] ohwi = {1, 2, 3, 4, 5, 6};
        assertThat(TfliteToOnnx.transpose(ohwi, new int[] {1, 1, 2, 3}, 0, 3, 1, 2)).containsExactly(1, 4, 2, 5, 3, 6);
    }

    private Path resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource(name).toURI());
    }
}
