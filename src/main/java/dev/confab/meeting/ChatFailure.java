package dev.confab.meeting;

/**
 * A chat message that could not be sent or read. {@link #messageKey()} names the user-facing text;
 * {@code participantName} fills it in where a participant is involved (may be null).
 *
 * @param detail technical English detail for logs, never shown
 */
public record ChatFailure(Kind kind, String participantName, String detail) {

    public enum Kind {
        /** Nothing but white space: not sent. */
        EMPTY,
        /** Over {@link ChatMessage#MAX_CHARACTERS}: not sent. */
        TOO_LONG,
        /** Not in the meeting (connecting, reconnecting, ended): not sent. */
        NOT_IN_MEETING,
        /** A private message to someone who has left: not sent. */
        RECIPIENT_LEFT,
        /** The recipient's client has no chat key, so nothing can be encrypted for it: not sent. */
        RECIPIENT_CANNOT_DECRYPT,
        /** The server's chat rate limit dropped the message: "You're sending messages too fast". */
        RATE_LIMITED,
        /** A participant's public key from the roster is unusable, so nothing was sent. */
        ENCRYPTION_FAILED,
        /** The server refused the message for another reason. */
        REJECTED,
        /** A received message failed to decrypt or authenticate (tampered, wrong keys, unknown format). */
        UNDECRYPTABLE
    }

    /** Resource bundle key, e.g. {@code chat.failure.rate_limited}. */
    public String messageKey() {
        return "chat.failure." + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
