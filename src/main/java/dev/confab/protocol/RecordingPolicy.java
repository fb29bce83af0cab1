package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Who may record a meeting locally; the host sets it with {@code set_recording_policy}, the server enforces it. */
public enum RecordingPolicy {
    /** Only the current host may record (the default). */
    HOST_ONLY,
    EVERYONE,
    NOBODY,
    /** Read by clients for any policy newer than they know; the server refuses it in requests. Never sent. */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** Whether a participant with the given role may record under this policy. */
    public boolean allows(Role role) {
        return switch (this) {
            case EVERYONE -> true;
            case HOST_ONLY -> role == Role.HOST;
            case NOBODY, UNKNOWN -> false;
        };
    }
}
