package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns messages into JSON text frames and back. Thread-safe; one shared instance is enough.
 * Unknown fields are ignored (newer peers may add some); missing required fields, wrong types and unknown
 * {@code type} values are reported as a {@link ProtocolException} with the error code the server sends back.
 * <p>
 * Reading is strict about JSON types, as docs/protocol.md section 8 promises: Jackson would otherwise turn
 * {@code "version":"1"} into 1, {@code "meetingId":4842628111} into a string, {@code 1.0} into an int and
 * {@code 1} into an enum constant, so a client could work against this server and fail against a stricter one.
 */
public final class ProtocolCodec {

    private static final int MAX_DETAIL_LENGTH = 200;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // No guessing of types: a string is not a number or a boolean, a number is not a string or an enum.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    public String encode(ClientMessage message) {
        return write(message, ClientMessage.class);
    }

    public String encode(ServerMessage message) {
        return write(message, ServerMessage.class);
    }

    public ClientMessage decodeClient(String text) throws ProtocolException {
        return read(text, ClientMessage.class);
    }

    public ServerMessage decodeServer(String text) throws ProtocolException {
        return read(text, ServerMessage.class);
    }

    /** The wire {@code type} of a message, e.g. {@code "join"} for {@link ClientMessage.Join}. */
    public static String typeName(Object message) {
        for (Class<?> base : new Class<?>[]{ClientMessage.class, ServerMessage.class}) {
            for (JsonSubTypes.Type type : base.getAnnotation(JsonSubTypes.class).value()) {
                if (type.value() == message.getClass()) {
                    return type.name();
                }
            }
        }
        throw new IllegalArgumentException("Not a protocol message: " + message.getClass());
    }

    private String write(Object message, Class<?> baseType) {
        try {
            // Writing through the base type keeps the "type" property on every message.
            return mapper.writerFor(baseType).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> baseType) throws ProtocolException {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's own wording describes its internals; the position is what a client author needs.
            // Some failures have no position (a nesting or number-length limit passed), so it may be absent.
            var where = e.getLocation();
            String position = where == null || where.getCharOffset() < 0 ? ""
                    : " (error near character " + where.getCharOffset() + ")";
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "Not valid JSON" + position, null);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "A message must be a JSON object", null);
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field \"type\" is missing", null);
        }
        if (!typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field \"type\" must be a string", null);
        }
        String type = typeNode.asText();
        try {
            return mapper.treeToValue(tree, baseType);
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + truncate(type) + "'", type);
        } catch (JsonMappingException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, truncate(FieldProblem.describe(e, tree)), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "the message does not have the documented fields", type);
        }
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "…";
    }
}
