package dev.confab.media.effects;

import dev.confab.media.MediaException;
import java.util.concurrent.Callable;

/** Opens the person segmenter this build ships (background blur and virtual backgrounds). */
public final class PersonSegmenters {
    private PersonSegmenters() {
    }

    /**
     * Loads the bundled selfie-segmentation model into ONNX Runtime: 0.2-1.2 s, the first time in a process
     * unpacking ONNX Runtime's native library, so call it off the FX and camera threads. The caller closes the
     * result.
     *
     * @throws MediaException when the model or ONNX Runtime's native library cannot be loaded on this computer
     *     (e.g. an OS or CPU the library has no build for): background effects are then not available
     */
    public static PersonSegmenter open() throws MediaException {
        return open(SelfieSegmentationModel::onnxBytes);
    }

    static PersonSegmenter open(Callable<byte[]> onnxModel) throws MediaException {
        try {
            return OnnxPersonSegmenter.load(onnxModel.call());
        } catch (Exception | LinkageError e) {
            // LinkageError: UnsatisfiedLinkError from the native library; ONNX Runtime reports other load
            // failures as OrtException or as an IllegalStateException wrapping an IOException.
            throw new MediaException("Background effects are not available on this computer: the person-segmentation"
                    + " model could not be loaded (" + e + ")", e);
        }
    }
}
