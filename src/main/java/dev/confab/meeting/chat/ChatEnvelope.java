package dev.confab.meeting.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an end-to-end encrypted chat message looks like on the wire (the JSON inside the protocol's
 * {@code payload}, see docs/security.md). The text is encrypted once under a fresh content key; that key is
 * wrapped separately for every recipient with a key only sender and recipient can derive.
 *
 * @param messageId  random 128-bit id, base64; receivers reject a second message with the same id from a sender
 * @param sentAt     the sender's clock when sending, an ISO-8601 UTC time kept exactly as the sender wrote it: the
 *                   associated data authenticates these characters, and {@code …:05Z} and {@code …:05.000Z} (what
 *                   JavaScript's toISOString writes) are the same instant but not the same bytes
 * @param direct     true for a private message to {@code recipients}, false for everyone
 * @param recipients everyone the sender encrypted for, ascending (authenticated: shown as "Private to ...")
 * @param nonce      96-bit AES-GCM nonce of {@code ciphertext}, base64
 * @param ciphertext the UTF-8 text encrypted with the content key, GCM tag appended, base64
 * @param keys       per recipient id: base64(nonce || content key wrapped with the pairwise key || tag)
 */
public record ChatEnvelope(@JsonProperty(required = true) String messageId,
                           @JsonProperty(required = true) String sentAt,
                           @JsonProperty(value = "private", required = true) boolean direct,
                           @JsonProperty(required = true) List<Integer> recipients,
                           @JsonProperty(required = true) String nonce,
                           @JsonProperty(required = true) String ciphertext,
                           @JsonProperty(required = true) Map<Integer, String> keys) {

    public ChatEnvelope {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        Instant.parse(sentAt); // refuses an envelope whose time is not a time, before anyone tries to decrypt it
        recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        keys = Map.copyOf(Objects.requireNonNull(keys, "keys"));
    }

    /** {@link #sentAt} as a time, for showing and ordering. */
    public Instant sentAtTime() {
        return Instant.parse(sentAt);
    }
}
