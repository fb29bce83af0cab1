package dev.confab.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a TensorFlow Lite model (schema.fbs: Model, SubGraph, Tensor, Operator, OperatorCode, Buffer)
 * that a converter needs: the first subgraph's tensors and operators in execution order.
 */
record TfliteModel(List<Tensor> tensors, List<Operator> operators, int[] inputs, int[] outputs) {

    /** TensorType values of schema.fbs that the converter reads. */
    static final int FLOAT32 = 0;
    static final int FLOAT16 = 1;
    static final int INT32 = 2;

    /** Shape is TFLite's (NHWC for pictures); data is the tensor's constant bytes, empty for activations. */
    record Tensor(int index, String name, int[] shape, int type, byte[] data) {
        boolean isConstant() {
            return data.length > 0;
        }
    }

    /**
     * One operator: {@code builtinCode} is schema.fbs's BuiltinOperator (32 = CUSTOM, then {@code customCode}
     * names it); {@code options} is the builtin options table (null when absent).
     */
    record Operator(int builtinCode, String customCode, int[] inputs, int[] outputs, FlatTable options,
                    byte[] customOptions) {
        String opName() {
            return customCode != null ? customCode : BuiltinOperators.name(builtinCode);
        }
    }

    static TfliteModel read(Path file) throws IOException {
        FlatTable model = FlatTable.root(Files.readAllBytes(file));
        int[] codes = new int[model.vectorLength(1)];
        String[] customCodes = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            FlatTable code = model.getTableInVector(1, i);
            // builtin_code (field 3) replaced the byte-sized deprecated_builtin_code (field 0) in newer files.
            codes[i] = Math.max(code.getByte(0, 0), code.getInt(3, 0));
            customCodes[i] = code.getString(1);
        }
        if (model.vectorLength(2) != 1) {
            throw new IOException("expected one subgraph, found " + model.vectorLength(2));
        }
        FlatTable subgraph = model.getTableInVector(2, 0);
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < subgraph.vectorLength(0); i++) {
            FlatTable tensor = subgraph.getTableInVector(0, i);
            int buffer = tensor.getInt(2, 0);
            byte[] data = buffer == 0 ? new byte[0] : model.getTableInVector(4, buffer).getByteVector(0);
            tensors.add(new Tensor(i, tensor.getString(3), tensor.getIntVector(0), tensor.getByte(1, FLOAT32), data));
        }
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < subgraph.vectorLength(3); i++) {
            FlatTable op = subgraph.getTableInVector(3, i);
            int opcode = op.getInt(0, 0);
            operators.add(new Operator(codes[opcode], customCodes[opcode], op.getIntVector(1), op.getIntVector(2),
                    op.getTable(4), op.getByteVector(5)));
        }
        return new TfliteModel(tensors, operators, subgraph.getIntVector(1), subgraph.getIntVector(2));
    }

    Tensor tensor(int index) {
        return tensors.get(index);
    }
}
