package dev.confab.media.effects;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs a person-segmentation ONNX model (input NCHW RGB 0..1, output one probability per pixel) with ONNX Runtime
 * on one thread: the effect must cost at most one core (issue #23). The input and output tensors are allocated
 * once and reused, so a frame makes no garbage beyond ONNX Runtime's small result objects. Not thread-safe: one
 * caller at a time (the camera thread).
 */
public final class OnnxPersonSegmenter implements PersonSegmenter {
    private static final float BYTE_TO_UNIT = 1f / 255f;

    private final OrtSession session;
    private final int width;
    private final int height;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;
    private boolean closed;

    private OnnxPersonSegmenter(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.session = session;
        NodeInfo inputInfo = session.getInputInfo().values().iterator().next();
        NodeInfo outputInfo = session.getOutputInfo().values().iterator().next();
        long[] inputShape = ((TensorInfo) inputInfo.getInfo()).getShape();
        long[] outputShape = ((TensorInfo) outputInfo.getInfo()).getShape();
        if (inputShape.length != 4 || inputShape[1] != 3 || outputShape.length != 4 || outputShape[1] != 1
                || outputShape[2] != inputShape[2] || outputShape[3] != inputShape[3]) {
            throw new IllegalArgumentException("not a person-segmentation model: input [1,3,H,W], output [1,1,H,W] expected");
        }
        height = Math.toIntExact(inputShape[2]);
        width = Math.toIntExact(inputShape[3]);
        input = directFloats(3 * width * height);
        output = directFloats(width * height);
        // Tensors over direct buffers share their memory: writing the buffer is writing the tensor.
        inputTensor = OnnxTensor.createTensor(environment, input, inputShape);
        outputTensor = OnnxTensor.createTensor(environment, output, outputShape);
        inputs = Map.of(inputInfo.getName(), inputTensor);
        outputs = Map.of(outputInfo.getName(), outputTensor);
    }

    /** Loads {@code onnxModel}; the caller closes the result. */
    static OnnxPersonSegmenter load(byte[] onnxModel) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One core at most (the camera, encoder and UI need the others); no spinning worker threads.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(onnxModel, options);
            try {
                return new OnnxPersonSegmenter(environment, session);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        }
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int inputHeight() {
        return height;
    }

    @Override
    public void segment(byte[] rgb, float[] mask) {
        if (closed) {
            throw new IllegalStateException("the person segmenter is closed");
        }
        int pixels = width * height;
        if (rgb.length != 3 * pixels || mask.length != pixels) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " pixels: rgb " + 3 * pixels
                    + " bytes and a mask of " + pixels + ", got " + rgb.length + " and " + mask.length);
        }
        // Interleaved RGB bytes -> three planes of 0..1 (MediaPipe's selfie models take RGB in 0..1).
        for (int i = 0; i < pixels; i++) {
            input.put(i, (rgb[3 * i] & 0xFF) * BYTE_TO_UNIT);
            input.put(pixels + i, (rgb[3 * i + 1] & 0xFF) * BYTE_TO_UNIT);
            input.put(2 * pixels + i, (rgb[3 * i + 2] & 0xFF) * BYTE_TO_UNIT);
        }
        try (OrtSession.Result ignored = session.run(inputs, outputs)) {
            // The model ends in a sigmoid: the output already is the probability; it was written into `output`.
            output.get(0, mask);
        } catch (OrtException e) {
            throw new IllegalStateException("person segmentation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputTensor.close();
        outputTensor.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the segmentation session", e);
        }
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(4 * count).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
