package dev.confab.tools;

import dev.confab.tools.OnnxGraph.Attribute;
import dev.confab.tools.TfliteModel.Operator;
import dev.confab.tools.TfliteModel.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Converts a float TensorFlow Lite picture model into ONNX, so ONNX Runtime can run it. Written for MediaPipe's
 * selfie segmentation models (docs/architecture.md, "Person segmentation model"); it handles the operators they
 * use and refuses any other with a clear message.
 *
 * <p>Pictures change layout: TFLite keeps activations as NHWC, ONNX convolutions want NCHW, so every 4-D
 * activation becomes NCHW (input included) and the weights are transposed once here; no Transpose node is
 * left in the graph. fp16 weights behind DEQUANTIZE are folded into float32 initializers.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -cp target/test-classes dev.confab.tools.TfliteToOnnx \
 *     src/test/resources/dev/confab/tools/selfie_segmentation_landscape.tflite \
 *     src/main/resources/dev/confab/media/effects/selfie_segmentation_landscape.onnx
 * </pre>
 * The output is byte-for-byte reproducible ({@code TfliteToOnnxTest} checks the shipped model against it).
 */
public final class TfliteToOnnx {
    /** ONNX operator set: 14 brings HardSwish; 17 is well supported by every maintained runtime. */
    private static final int OPSET = 17;
    private static final String INPUT_NAME = "rgb";
    private static final String OUTPUT_NAME = "person";

    private static final int PADDING_SAME = 0;
    private static final int ACTIVATION_NONE = 0;
    private static final int ACTIVATION_RELU = 1;
    private static final int ACTIVATION_RELU6 = 3;
    /** TfLitePadding of the C API, used by custom operators' raw options: 1 = SAME, 2 = VALID. */
    private static final int C_API_PADDING_SAME = 1;

    private final TfliteModel model;
    private final OnnxGraph graph;
    /** Constant tensors as float32 (fp16 ones already dequantized), by TFLite tensor index. */
    private final Map<Integer, float[]> constants = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<Integer, String> names = new HashMap<>();

    private TfliteToOnnx(TfliteModel model, String graphName) {
        this.model = model;
        this.graph = new OnnxGraph(graphName);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TfliteToOnnx MODEL.tflite OUT.onnx");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        byte[] onnx = convert(source);
        Files.write(Path.of(args[1]), onnx);
        System.out.printf("%s -> %s (%d bytes)%n", source, args[1], onnx.length);
    }

    /** The ONNX model for the TFLite model in {@code source}; its doc string names the source and its sha256. */
    public static byte[] convert(Path source) throws IOException {
        TfliteModel model = TfliteModel.read(source);
        String file = source.getFileName().toString();
        TfliteToOnnx converter = new TfliteToOnnx(model, file.replaceFirst("\\.tflite$", ""));
        converter.convertGraph();
        String doc = "Converted from " + file + " (sha256 " + sha256(Files.readAllBytes(source))
                + ") by Confab's dev.confab.tools.TfliteToOnnx. Input: RGB 0..1, NCHW. Output: person probability.";
        return converter.graph.toModel(OPSET, "confab-tflite-to-onnx", doc);
    }

    private void convertGraph() {
        if (model.inputs().length != 1 || model.outputs().length != 1) {
            throw new IllegalArgumentException("expected one input and one output");
        }
        names.put(model.inputs()[0], INPUT_NAME);
        names.put(model.outputs()[0], OUTPUT_NAME);
        usedNames.add(INPUT_NAME);
        usedNames.add(OUTPUT_NAME);
        graph.input(INPUT_NAME, nchw(model.tensor(model.inputs()[0]).shape()));
        for (Operator op : model.operators()) {
            convert(op);
        }
        graph.output(OUTPUT_NAME, nchw(model.tensor(model.outputs()[0]).shape()));
    }

    private void convert(Operator op) {
        switch (op.opName()) {
            case "DEQUANTIZE" -> constants.put(op.outputs()[0], floats(model.tensor(op.inputs()[0])));
            case "CONV_2D" -> conv(op, false);
            case "DEPTHWISE_CONV_2D" -> conv(op, true);
            case "Convolution2DTransposeBias" -> transposedConv(op);
            case "ADD" -> elementwise(op, "Add");
            case "MUL" -> elementwise(op, "Mul");
            case "RELU" -> unary(op, "Relu");
            case "LOGISTIC" -> unary(op, "Sigmoid");
            case "HARD_SWISH" -> unary(op, "HardSwish");
            case "MEAN" -> mean(op);
            case "RESIZE_BILINEAR" -> resizeBilinear(op);
            default -> throw new IllegalArgumentException("operator not supported: " + op.opName());
        }
    }

    private void conv(Operator op, boolean depthwise) {
        Tensor input = model.tensor(op.inputs()[0]);
        Tensor weights = model.tensor(op.inputs()[1]);
        Tensor output = model.tensor(op.outputs()[0]);
        FlatTable options = op.options();
        // Conv2DOptions: padding, stride_w, stride_h, fused_activation_function, dilation_w, dilation_h.
        // DepthwiseConv2DOptions has depth_multiplier after stride_h, shifting the rest by one.
        int shift = depthwise ? 1 : 0;
        int strideW = options.getInt(1, 1);
        int strideH = options.getInt(2, 1);
        int activation = options.getByte(3 + shift, ACTIVATION_NONE);
        int dilationW = options.getInt(4 + shift, 1);
        int dilationH = options.getInt(5 + shift, 1);
        int[] w = weights.shape();
        int kernelH = w[1];
        int kernelW = w[2];
        String weightName = freshName(weights.name());
        if (depthwise) {
            // [1, H, W, C] -> [C, 1, H, W], one group per input channel.
            graph.floatInitializer(weightName, new long[] {w[3], 1, kernelH, kernelW}, transpose(constant(weights), w, 3, 0, 1, 2));
        } else {
            // [O, H, W, I] -> [O, I, H, W].
            graph.floatInitializer(weightName, new long[] {w[0], w[3], kernelH, kernelW}, transpose(constant(weights), w, 0, 3, 1, 2));
        }
        int[] pads = options.getByte(0, PADDING_SAME) == PADDING_SAME
                ? samePads(input.shape(), new int[] {kernelH, kernelW}, new int[] {strideH, strideW}, new int[] {dilationH, dilationW})
                : new int[4];
        String biasName = bias(op.inputs().length > 2 ? op.inputs()[2] : -1);
        String convOutput = activation == ACTIVATION_NONE ? name(output) : freshName(output.name() + "/conv");
        graph.node("Conv", new String[] {name(input), weightName, biasName}, convOutput,
                Attribute.ints("kernel_shape", kernelH, kernelW),
                Attribute.ints("strides", strideH, strideW),
                Attribute.ints("dilations", dilationH, dilationW),
                Attribute.ints("pads", pads[0], pads[1], pads[2], pads[3]),
                Attribute.of("group", depthwise ? input.shape()[3] : 1));
        fusedActivation(activation, convOutput, name(output));
    }

    /** MediaPipe's custom transposed convolution: input, weights [O, H, W, I], bias [O]; raw options padding, stride_w, stride_h. */
    private void transposedConv(Operator op) {
        ByteBuffer options = ByteBuffer.wrap(op.customOptions()).order(ByteOrder.LITTLE_ENDIAN);
        int padding = options.getInt(0);
        int strideW = options.getInt(4);
        int strideH = options.getInt(8);
        Tensor input = model.tensor(op.inputs()[0]);
        Tensor weights = model.tensor(op.inputs()[1]);
        Tensor output = model.tensor(op.outputs()[0]);
        int[] w = weights.shape();
        String weightName = freshName(weights.name());
        // ONNX ConvTranspose weights are [I, O, H, W].
        graph.floatInitializer(weightName, new long[] {w[3], w[0], w[1], w[2]}, transpose(constant(weights), w, 3, 0, 1, 2));
        int[] pads = new int[4];
        if (padding == C_API_PADDING_SAME) {
            // SAME: the output is exactly input x stride; what the full transposed convolution makes beyond it
            // is cut, the smaller half before (as the forward convolution with SAME padding pads).
            int[] in = input.shape();
            int[] out = output.shape();
            int totalH = Math.max((in[1] - 1) * strideH + w[1] - out[1], 0);
            int totalW = Math.max((in[2] - 1) * strideW + w[2] - out[2], 0);
            pads = new int[] {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
        }
        graph.node("ConvTranspose", new String[] {name(input), weightName, bias(op.inputs()[2])}, name(output),
                Attribute.ints("kernel_shape", w[1], w[2]),
                Attribute.ints("strides", strideH, strideW),
                Attribute.ints("pads", pads[0], pads[1], pads[2], pads[3]));
    }

    private void elementwise(Operator op, String onnxOp) {
        for (int input : op.inputs()) {
            if (model.tensor(input).isConstant() || constants.containsKey(input)) {
                throw new IllegalArgumentException(op.opName() + " with a constant operand is not supported");
            }
        }
        Tensor output = model.tensor(op.outputs()[0]);
        int activation = op.options() == null ? ACTIVATION_NONE : op.options().getByte(0, ACTIVATION_NONE);
        String result = activation == ACTIVATION_NONE ? name(output) : freshName(output.name() + "/" + onnxOp);
        graph.node(onnxOp, new String[] {name(model.tensor(op.inputs()[0])), name(model.tensor(op.inputs()[1]))}, result);
        fusedActivation(activation, result, name(output));
    }

    private void unary(Operator op, String onnxOp) {
        graph.node(onnxOp, new String[] {name(model.tensor(op.inputs()[0]))}, name(model.tensor(op.outputs()[0])));
    }

    /** MEAN over height and width keeping dimensions is a global average pool (the squeeze-excite blocks). */
    private void mean(Operator op) {
        int[] axes = ints(model.tensor(op.inputs()[1]));
        boolean keepDims = op.options() != null && op.options().getByte(0, 0) != 0;
        if (axes.length != 2 || axes[0] != 1 || axes[1] != 2 || !keepDims) {
            throw new IllegalArgumentException("MEAN is supported over height and width with keep_dims only");
        }
        unary(op, "GlobalAveragePool");
    }

    private void resizeBilinear(Operator op) {
        Tensor output = model.tensor(op.outputs()[0]);
        // ResizeBilinearOptions: new_height, new_width (both unused), align_corners, half_pixel_centers.
        boolean alignCorners = op.options() != null && op.options().getByte(2, 0) != 0;
        boolean halfPixel = op.options() != null && op.options().getByte(3, 0) != 0;
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        String sizes = freshName(output.name() + "/sizes");
        long[] shape = nchw(output.shape());
        graph.int64Initializer(sizes, shape);
        graph.node("Resize", new String[] {name(model.tensor(op.inputs()[0])), "", "", sizes}, name(output),
                Attribute.of("mode", "linear"),
                Attribute.of("coordinate_transformation_mode", mode));
    }

    private void fusedActivation(int activation, String input, String output) {
        switch (activation) {
            case ACTIVATION_NONE -> { }
            case ACTIVATION_RELU -> graph.node("Relu", new String[] {input}, output);
            case ACTIVATION_RELU6 -> {
                String min = freshName(output + "/min");
                String max = freshName(output + "/max");
                graph.floatInitializer(min, new long[0], new float[] {0});
                graph.floatInitializer(max, new long[0], new float[] {6});
                graph.node("Clip", new String[] {input, min, max}, output);
            }
            default -> throw new IllegalArgumentException("fused activation not supported: " + activation);
        }
    }

    private String bias(int tensorIndex) {
        if (tensorIndex < 0) {
            return "";
        }
        Tensor bias = model.tensor(tensorIndex);
        String biasName = freshName(bias.name());
        graph.floatInitializer(biasName, new long[] {bias.shape()[0]}, constant(bias));
        return biasName;
    }

    private float[] constant(Tensor tensor) {
        float[] values = constants.get(tensor.index());
        if (values == null) {
            values = floats(tensor);
        }
        return values;
    }

    private static float[] floats(Tensor tensor) {
        ByteBuffer data = ByteBuffer.wrap(tensor.data()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (tensor.type()) {
            case TfliteModel.FLOAT32 -> {
                float[] values = new float[data.remaining() / 4];
                data.asFloatBuffer().get(values);
                yield values;
            }
            case TfliteModel.FLOAT16 -> {
                float[] values = new float[data.remaining() / 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.float16ToFloat(data.getShort(2 * i));
                }
                yield values;
            }
            default -> throw new IllegalArgumentException("constant of type " + tensor.type() + " is not float: " + tensor.name());
        };
    }

    private static int[] ints(Tensor tensor) {
        if (tensor.type() != TfliteModel.INT32) {
            throw new IllegalArgumentException("expected int32 constant: " + tensor.name());
        }
        int[] values = new int[tensor.data().length / 4];
        ByteBuffer.wrap(tensor.data()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }

    /**
     * TFLite's SAME padding as ONNX pads [top, left, bottom, right]: the output is ceil(input / stride) and an
     * odd padding puts the extra row or column at the bottom or right.
     */
    static int[] samePads(int[] nhwc, int[] kernel, int[] stride, int[] dilation) {
        int[] pads = new int[4];
        for (int axis = 0; axis < 2; axis++) {
            int in = nhwc[1 + axis];
            int out = (in + stride[axis] - 1) / stride[axis];
            int effectiveKernel = (kernel[axis] - 1) * dilation[axis] + 1;
            int total = Math.max((out - 1) * stride[axis] + effectiveKernel - in, 0);
            pads[axis] = total / 2;
            pads[axis + 2] = total - total / 2;
        }
        return pads;
    }

    /** Reorders a 4-D array: the result's axis i is the source's axis {@code order[i]}. */
    static float[] transpose(float[] source, int[] shape, int... order) {
        int[] strides = {shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1};
        int[] outShape = {shape[order[0]], shape[order[1]], shape[order[2]], shape[order[3]]};
        float[] result = new float[source.length];
        int i = 0;
        for (int a = 0; a < outShape[0]; a++) {
            for (int b = 0; b < outShape[1]; b++) {
                for (int c = 0; c < outShape[2]; c++) {
                    for (int d = 0; d < outShape[3]; d++) {
                        result[i++] = source[a * strides[order[0]] + b * strides[order[1]]
                                + c * strides[order[2]] + d * strides[order[3]]];
                    }
                }
            }
        }
        return result;
    }

    private static long[] nchw(int[] nhwc) {
        if (nhwc.length != 4) {
            throw new IllegalArgumentException("expected a 4-D picture tensor, got " + nhwc.length + "-D");
        }
        return new long[] {nhwc[0], nhwc[3], nhwc[1], nhwc[2]};
    }

    private String name(Tensor tensor) {
        return names.computeIfAbsent(tensor.index(), index -> freshName(tensor.name()));
    }

    private String freshName(String wanted) {
        String candidate = wanted;
        for (int n = 2; !usedNames.add(candidate); n++) {
            candidate = wanted + "_" + n;
        }
        return candidate;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
