package dev.confab.meeting.chat;

/** A received chat message could not be read. */
public final class ChatDecryptException extends Exception {

    public enum Kind {
        /** The sender did not encrypt for this participant (e.g. it joined after the message was sent). */
        NOT_FOR_US,
        /** Authentication failed or the envelope is malformed: tampered, replayed, or sent with other keys. */
        UNDECRYPTABLE
    }

    private final Kind kind;

    public ChatDecryptException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
