package dev.confab.meeting;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Chat payload encodings. The server only routes {@code payload}; today's encoding is {@code "none"}
 * (base64 of UTF-8 text). End-to-end encryption will add another {@code enc} value.
 */
final class ChatEncoding {

    static final String NONE = "none";

    private ChatEncoding() {
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text, or null when the encoding is unknown or the payload is not valid. */
    static String decode(String enc, String payload) {
        if (!NONE.equals(enc)) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
