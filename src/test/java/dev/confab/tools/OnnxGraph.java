package dev.confab.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds an ONNX ModelProto (onnx.proto, IR version 8) one node at a time, in execution order. Only float
 * tensors with fixed shapes and the attribute kinds the converter uses.
 */
final class OnnxGraph {
    private static final int IR_VERSION = 8;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final ProtoWriter graph = new ProtoWriter();

    OnnxGraph(String name) {
        graph.string(2, name);
    }

    /** One node attribute (AttributeProto). */
    record Attribute(ProtoWriter proto) {
        static Attribute of(String name, long value) {
            return new Attribute(new ProtoWriter().string(1, name).int64(3, value).int64(20, 2));
        }

        static Attribute of(String name, String value) {
            return new Attribute(new ProtoWriter().string(1, name).string(4, value).int64(20, 3));
        }

        static Attribute ints(String name, long... values) {
            return new Attribute(new ProtoWriter().string(1, name).packedInt64(8, values).int64(20, 7));
        }
    }

    /** Appends a node; an empty input name is ONNX's "optional input left out". */
    void node(String opType, String[] inputs, String output, Attribute... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, output).string(4, opType);
        for (Attribute attribute : attributes) {
            node.message(5, attribute.proto());
        }
        graph.message(1, node);
    }

    void floatInitializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializer(name, dims, FLOAT, raw.array());
    }

    void int64Initializer(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializer(name, new long[] {values.length}, INT64, raw.array());
    }

    private void initializer(String name, long[] dims, int type, byte[] raw) {
        graph.message(5, new ProtoWriter().packedInt64(1, dims).int64(2, type).string(8, name).bytes(9, raw));
    }

    void input(String name, long[] dims) {
        graph.message(11, valueInfo(name, dims));
    }

    void output(String name, long[] dims) {
        graph.message(12, valueInfo(name, dims));
    }

    private static ProtoWriter valueInfo(String name, long[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long dim : dims) {
            shape.message(1, new ProtoWriter().int64(1, dim));
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    byte[] toModel(int opset, String producer, String docString) {
        return new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, producer)
                .string(6, docString)
                .message(7, graph)
                .message(8, new ProtoWriter().int64(2, opset))
                .toByteArray();
    }
}
