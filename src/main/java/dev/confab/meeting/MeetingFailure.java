package dev.confab.meeting;

import dev.confab.protocol.ErrorCode;

/**
 * Something went wrong, typed for translation into words a user understands. For {@link Kind#REFUSED}
 * the server's {@link #serverCode()} says why (WRONG_PASSCODE, MEETING_LOCKED, MEETING_NOT_FOUND, ...).
 *
 * @param detail                 technical English detail for logs, not for display
 * @param certificateFingerprint for the two certificate kinds: the SHA-256 fingerprint the server presented
 */
public record MeetingFailure(Kind kind, ErrorCode serverCode, String detail, String certificateFingerprint) {

    public enum Kind {
        /** The server refused the request; see {@link #serverCode()}. */
        REFUSED,
        /** No server answers at that address. */
        SERVER_UNREACHABLE,
        /** Unknown certificate: ask the user whether to trust {@link #certificateFingerprint()} (like SSH). */
        CERTIFICATE_UNTRUSTED,
        /** The certificate changed since the user trusted it: warn, do not offer a one-click accept. */
        CERTIFICATE_CHANGED,
        /** Client and server speak different protocol versions: one of them needs updating. */
        UNSUPPORTED_VERSION,
        /** The server did not answer in time. */
        TIMED_OUT,
        /** The server said something this client does not understand. */
        PROTOCOL_ERROR,
        /** Reconnecting failed until the reconnect timeout. */
        CONNECTION_LOST,
        /** Reconnected, but the server no longer knew this session (it expired): join again. */
        SESSION_EXPIRED
    }

    /**
     * A stable key for the user-facing text, for resource bundles: {@code meeting.failure.wrong_passcode},
     * {@code meeting.failure.meeting_locked}, {@code meeting.failure.server_unreachable},
     * {@code meeting.failure.certificate_untrusted}, ... (server code for REFUSED, else the kind, lower case).
     */
    public String messageKey() {
        String name = kind == Kind.REFUSED && serverCode != null ? serverCode.name() : kind.name();
        return "meeting.failure." + name.toLowerCase(java.util.Locale.ROOT);
    }

    static MeetingFailure refused(ErrorCode code, String detail) {
        return new MeetingFailure(Kind.REFUSED, code, detail, null);
    }

    static MeetingFailure of(Kind kind, String detail) {
        return new MeetingFailure(kind, null, detail, null);
    }
}
