package dev.confab.meeting;

/** Who may record the meeting locally; the host sets it, the server enforces it. */
public enum RecordingRule {
    /** Only the current host may record (the default). */
    HOST_ONLY,
    EVERYONE,
    NOBODY,
    /** A rule newer than this client knows; the server refuses it in requests. */
    UNKNOWN;

    /** Whether {@code attendee} may record under this rule (the server's own check decides). */
    public boolean allows(Attendee attendee) {
        return ProtocolMapping.toWire(this).allows(ProtocolMapping.roleOf(attendee));
    }
}
