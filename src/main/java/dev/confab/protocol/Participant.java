package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One roster entry as the server describes it.
 *
 * @param id          per-meeting number, never reused within a meeting; also the sender id in media frame headers
 * @param connected   false while the participant's connection is lost and may still be resumed
 * @param chatKey     the participant's X25519 public key for end-to-end chat (raw 32 bytes, base64), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(
        @JsonProperty(required = true) int id,
        @JsonProperty(required = true) String displayName,
        @JsonProperty(required = true) Role role,
        @JsonProperty(required = true) boolean muted,
        @JsonProperty(required = true) boolean cameraOn,
        @JsonProperty(required = true) boolean sharing,
        @JsonProperty(required = true) boolean recording,
        @JsonProperty(required = true) boolean connected,
        @JsonProperty(required = true) Instant joinedAt,
        String chatKey) {

    public Participant {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    /** A participant without a chat key (a client that cannot do end-to-end encrypted chat). */
    public Participant(int id, String displayName, Role role, boolean muted, boolean cameraOn, boolean sharing,
                       boolean recording, boolean connected, Instant joinedAt) {
        this(id, displayName, role, muted, cameraOn, sharing, recording, connected, joinedAt, null);
    }

    public boolean isHost() {
        return role == Role.HOST;
    }
}
