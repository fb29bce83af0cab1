package dev.confab.media.effects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The person-segmentation model Confab ships: MediaPipe's selfie segmentation (landscape, 256x144), Apache-2.0,
 * converted from TensorFlow Lite to ONNX by Confab (docs/architecture.md, "Person segmentation model").
 */
public final class SelfieSegmentationModel {
    private static final String MODEL_RESOURCE = "selfie_segmentation_landscape.onnx";
    /** Copied from LICENSE-selfie-segmentation.txt at the repository top by the build (pom.xml resources). */
    private static final String LICENSE_RESOURCE = "LICENSE-selfie-segmentation.txt";

    private SelfieSegmentationModel() {
    }

    /** The ONNX model's bytes; input "rgb" [1, 3, 144, 256] RGB 0..1, output "person" [1, 1, 144, 256] 0..1. */
    static byte[] onnxBytes() throws IOException {
        return read(MODEL_RESOURCE);
    }

    /** The model's license and where it came from, for the About box. */
    public static String licenseText() {
        try {
            return new String(read(LICENSE_RESOURCE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = SelfieSegmentationModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from this build");
            }
            return in.readAllBytes();
        }
    }
}
