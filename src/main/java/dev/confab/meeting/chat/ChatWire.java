package dev.confab.meeting.chat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.Base64;

/** The protocol's chat {@code enc} value for end-to-end encryption and the envelope's encoding in {@code payload}. */
public final class ChatWire {

    /** {@code enc} of encrypted chat: the payload is base64 of the {@link ChatEnvelope} JSON. */
    public static final String ENC = "e2e-x25519-aesgcm-v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ChatWire() {
    }

    public static String encode(ChatEnvelope envelope) {
        try {
            return Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a chat envelope", e);
        }
    }

    /** The envelope in {@code payload}; UNDECRYPTABLE when it is not one. */
    public static ChatEnvelope decode(String payload) throws ChatDecryptException {
        try {
            return MAPPER.readValue(Base64.getDecoder().decode(payload), ChatEnvelope.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "Not a chat envelope: " + e.getClass().getSimpleName());
        }
    }
}
