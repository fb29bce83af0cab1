package dev.confab.protocol;

/** A participant's role in a meeting; exactly one participant is {@link #HOST} at a time. */
public enum Role {
    HOST, PARTICIPANT
}
