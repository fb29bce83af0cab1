package dev.confab.tools;

import java.util.Map;

/** Names of the TFLite BuiltinOperator codes (schema.fbs) this converter knows, for messages. */
final class BuiltinOperators {
    static final int ADD = 0;
    static final int AVERAGE_POOL_2D = 1;
    static final int CONCATENATION = 2;
    static final int CONV_2D = 3;
    static final int DEPTHWISE_CONV_2D = 4;
    static final int DEQUANTIZE = 6;
    static final int LOGISTIC = 14;
    static final int MAX_POOL_2D = 17;
    static final int MUL = 18;
    static final int RELU = 19;
    static final int RELU6 = 21;
    static final int RESHAPE = 22;
    static final int RESIZE_BILINEAR = 23;
    static final int CUSTOM = 32;
    static final int PAD = 34;
    static final int MEAN = 40;
    static final int HARD_SWISH = 117;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ADD, "ADD"), Map.entry(AVERAGE_POOL_2D, "AVERAGE_POOL_2D"),
            Map.entry(CONCATENATION, "CONCATENATION"), Map.entry(CONV_2D, "CONV_2D"),
            Map.entry(DEPTHWISE_CONV_2D, "DEPTHWISE_CONV_2D"), Map.entry(DEQUANTIZE, "DEQUANTIZE"),
            Map.entry(LOGISTIC, "LOGISTIC"), Map.entry(MAX_POOL_2D, "MAX_POOL_2D"), Map.entry(MUL, "MUL"),
            Map.entry(RELU, "RELU"), Map.entry(RELU6, "RELU6"), Map.entry(RESHAPE, "RESHAPE"),
            Map.entry(RESIZE_BILINEAR, "RESIZE_BILINEAR"), Map.entry(CUSTOM, "CUSTOM"), Map.entry(PAD, "PAD"),
            Map.entry(MEAN, "MEAN"), Map.entry(HARD_SWISH, "HARD_SWISH"));

    private BuiltinOperators() {
    }

    static String name(int code) {
        return NAMES.getOrDefault(code, "BUILTIN_" + code);
    }
}
