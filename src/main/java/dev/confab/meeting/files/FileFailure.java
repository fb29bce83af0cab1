package dev.confab.meeting.files;

/**
 * A file that did not make it, sent or received. {@code name} is the file's name when known, {@code peer} the
 * other side's display name (the sender of a received file), {@code detail} a technical note for the log.
 */
public record FileFailure(Kind kind, boolean outgoing, String name, String peer, String detail) {

    public enum Kind {
        /** A chunk failed authentication, or the reassembled file's SHA-256 differs from the sender's: not saved. */
        CORRUPTED,
        /** The transfer stopped before its last chunk (cancelled, sender gone, a chunk missing): not saved. */
        INCOMPLETE,
        /** Over the limit the server announced or the administrator set. */
        TOO_LARGE,
        /** Files are switched off on this server or by the administrator. */
        FILES_OFF,
        /** The file to send could not be read. */
        UNREADABLE,
        /** Not in a meeting (or no one to send to). */
        NOT_IN_MEETING,
        /** The server refused the offer or a chunk (docs/protocol.md section 14). */
        REFUSED
    }
}
