package dev.confab.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One table of a FlatBuffers file, read by hand (the TFLite schema needs only tables, vectors, strings and
 * scalars). Field numbers are the schema's field order; a union takes two numbers (type, then value).
 */
final class FlatTable {
    private final ByteBuffer bytes;
    private final int position;
    private final int vtable;

    private FlatTable(ByteBuffer bytes, int position) {
        this.bytes = bytes;
        this.position = position;
        this.vtable = position - bytes.getInt(position);
    }

    /** The root table of a FlatBuffers file. */
    static FlatTable root(byte[] file) {
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(bytes, bytes.getInt(0));
    }

    /** Where field {@code field} is stored, or 0 when the writer left it out (it then has its default). */
    private int fieldPosition(int field) {
        int slot = 4 + 2 * field;
        if (slot >= Short.toUnsignedInt(bytes.getShort(vtable))) {
            return 0;
        }
        int offset = Short.toUnsignedInt(bytes.getShort(vtable + slot));
        return offset == 0 ? 0 : position + offset;
    }

    boolean has(int field) {
        return fieldPosition(field) != 0;
    }

    int getInt(int field, int defaultValue) {
        int at = fieldPosition(field);
        return at == 0 ? defaultValue : bytes.getInt(at);
    }

    int getByte(int field, int defaultValue) {
        int at = fieldPosition(field);
        return at == 0 ? defaultValue : Byte.toUnsignedInt(bytes.get(at));
    }

    private int indirect(int at) {
        return at + bytes.getInt(at);
    }

    FlatTable getTable(int field) {
        int at = fieldPosition(field);
        return at == 0 ? null : new FlatTable(bytes, indirect(at));
    }

    String getString(int field) {
        int at = fieldPosition(field);
        if (at == 0) {
            return null;
        }
        int start = indirect(at);
        byte[] text = new byte[bytes.getInt(start)];
        bytes.get(start + 4, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** Length of the vector in {@code field}, 0 when absent. */
    int vectorLength(int field) {
        int at = fieldPosition(field);
        return at == 0 ? 0 : bytes.getInt(indirect(at));
    }

    private int vectorStart(int field) {
        return indirect(fieldPosition(field)) + 4;
    }

    int[] getIntVector(int field) {
        int[] values = new int[vectorLength(field)];
        if (values.length > 0) {
            int start = vectorStart(field);
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getInt(start + 4 * i);
            }
        }
        return values;
    }

    byte[] getByteVector(int field) {
        byte[] values = new byte[vectorLength(field)];
        if (values.length > 0) {
            bytes.get(vectorStart(field), values);
        }
        return values;
    }

    FlatTable getTableInVector(int field, int index) {
        int element = vectorStart(field) + 4 * index;
        return new FlatTable(bytes, indirect(element));
    }
}
