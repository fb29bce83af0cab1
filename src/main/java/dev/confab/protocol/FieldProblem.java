package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says in plain words which field of a message is wrong and why, e.g. {@code field "version" must be an
 * integer}. Jackson's own texts name Java classes, coercion settings and parser positions; a stranger writing
 * a client from docs/protocol.md cannot act on those, and they leak how the server is built, so they never
 * reach the wire.
 */
final class FieldProblem {

    private FieldProblem() {
    }

    /** The text for a message whose JSON {@code tree} is well formed but does not fit its type. */
    static String describe(JsonMappingException e, JsonNode tree) {
        if (e instanceof ValueInstantiationException) {
            return fromConstructor(e.getCause());
        }
        String field = fieldPath(e.getPath());
        if (field.isEmpty()) {
            return "the message does not have the documented fields";
        }
        JsonNode value = valueAt(tree, e.getPath());
        if (value == null || value.isMissingNode()) {
            return "field \"" + field + "\" is missing";
        }
        if (value.isNull()) {
            return "field \"" + field + "\" must not be null";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "field \"" + field + "\" is out of range";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "field \"" + field + "\" must be " + expected(mismatch.getTargetType());
        }
        return "field \"" + field + "\" has the wrong type";
    }

    /**
     * Our records check their own fields in their constructors: a {@code requireNonNull(x, "x")} names the
     * field, and an IllegalArgumentException carries a text we wrote for the wire.
     */
    private static String fromConstructor(Throwable cause) {
        if (cause instanceof NullPointerException && cause.getMessage() != null
                && cause.getMessage().matches("[A-Za-z]+")) {
            return "field \"" + cause.getMessage() + "\" must not be null";
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "the message does not have the documented fields";
    }

    /** {@code annotation.points[2]}: the documented field names, with array indexes. */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                out.append('[').append(step.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** What the client actually sent at {@code path}: null when the field is absent. */
    private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference step : path) {
            if (node == null) {
                return null;
            }
            if (step.getFieldName() != null) {
                node = node.get(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                node = node.get(step.getIndex());
            }
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .filter(name -> !isFallback(type, name)).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of the documented type";
    }

    /** {@code UNKNOWN}-style constants only stand in for values newer peers send; they are never sent. */
    private static boolean isFallback(Class<?> enumType, String name) {
        try {
            return enumType.getField(name).isAnnotationPresent(JsonEnumDefaultValue.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
