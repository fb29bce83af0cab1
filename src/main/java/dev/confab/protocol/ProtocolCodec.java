package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns messages into JSON text frames and back. Thread-safe; one shared instance is enough.
 * Unknown fields are ignored (newer peers may add some); missing required fields, wrong types and unknown
 * {@code type} values are reported as a {@link ProtocolException} with the error code the server sends back.
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
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "Not valid JSON: " + detail(e), null);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED_MESSAGE, "A message must be a JSON object", null);
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Missing string field 'type'", null);
        }
        String type = typeNode.asText();
        try {
            return mapper.treeToValue(tree, baseType);
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + truncate(type) + "'", type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Invalid '" + truncate(type) + "': "
                    + truncate(String.valueOf(cause.getMessage())), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Invalid '" + truncate(type) + "': " + detail(e), type);
        }
    }

    private static String detail(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return truncate(String.valueOf(message));
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "…";
    }
}
