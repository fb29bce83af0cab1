package dev.confab.protocol;

/**
 * A participant's role in a meeting. Exactly one participant is {@link #HOST} at a time; the host may make
 * others {@link #COHOST}s, who share the host's moderation rights but cannot end the meeting for all or change
 * roles.
 */
public enum Role {
    HOST, COHOST, PARTICIPANT;

    /** Whether this role may moderate: admit, ask to mute, remove, lock, lower hands, manage polls. */
    public boolean moderates() {
        return this == HOST || this == COHOST;
    }
}
