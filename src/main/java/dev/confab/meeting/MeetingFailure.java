package dev.confab.meeting;

/**
 * Something went wrong, typed for translation into words a user understands. For {@link Kind#REFUSED}
 * the server's {@link #refusal()} says why (WRONG_PASSCODE, MEETING_LOCKED, MEETING_NOT_FOUND, ...).
 *
 * @param detail                 technical English detail for logs, not for display
 * @param certificateFingerprint for the two certificate kinds: the SHA-256 fingerprint the server presented
 * @param retryAfterSeconds      when the server said how long to wait before trying again, else null
 */
public record MeetingFailure(Kind kind, Refusal refusal, String detail, String certificateFingerprint,
                             Integer retryAfterSeconds) {

    private static final int SECONDS_SHOWN_AS_SECONDS = 120;
    /** The refusals whose texts say how long to wait when the server tells (docs/protocol.md section 8). */
    public static final java.util.Set<Refusal> TIMED_REFUSALS = java.util.EnumSet.of(
            Refusal.WRONG_PASSCODE, Refusal.TOO_MANY_ATTEMPTS, Refusal.TOO_MANY_MEETINGS);

    public MeetingFailure(Kind kind, Refusal refusal, String detail, String certificateFingerprint) {
        this(kind, refusal, detail, certificateFingerprint, null);
    }

    public enum Kind {
        /** The server refused the request; see {@link #refusal()}. */
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
        String name = kind == Kind.REFUSED && refusal != null ? refusal.name() : kind.name();
        String key = "meeting.failure." + name.toLowerCase(java.util.Locale.ROOT);
        if (!saysHowLongToWait()) {
            return key;
        }
        // A wait the user can act on: "try again in 8 s" rather than a vague "wait a while".
        return key + (retryAfterSeconds < SECONDS_SHOWN_AS_SECONDS ? ".waitSeconds" : ".waitMinutes");
    }

    /** The arguments of {@link #messageKey()}: the wait in seconds or whole minutes (rounded up), if any. */
    public Object[] messageArgs() {
        if (!saysHowLongToWait()) {
            return new Object[0];
        }
        int shown = retryAfterSeconds < SECONDS_SHOWN_AS_SECONDS ? Math.max(1, retryAfterSeconds)
                : (retryAfterSeconds + 59) / 60;
        return new Object[]{shown};
    }

    private boolean saysHowLongToWait() {
        return retryAfterSeconds != null && kind == Kind.REFUSED && TIMED_REFUSALS.contains(refusal);
    }

    static MeetingFailure refused(Refusal refusal, String detail, Integer retryAfterSeconds) {
        return new MeetingFailure(Kind.REFUSED, refusal, detail, null, retryAfterSeconds);
    }

    /** Why connecting failed, as the signaling layer reported it. */
    public static MeetingFailure of(dev.confab.signaling.SignalingException e) {
        Kind kind = switch (e.kind()) {
            case UNREACHABLE -> Kind.SERVER_UNREACHABLE;
            case CERTIFICATE_UNTRUSTED -> Kind.CERTIFICATE_UNTRUSTED;
            case CERTIFICATE_CHANGED -> Kind.CERTIFICATE_CHANGED;
            case UNSUPPORTED_VERSION -> Kind.UNSUPPORTED_VERSION;
            case TIMEOUT -> Kind.TIMED_OUT;
            case PROTOCOL_ERROR -> Kind.PROTOCOL_ERROR;
        };
        Refusal refusal = e.serverCode() == null ? null : ProtocolMapping.refusal(e.serverCode());
        return new MeetingFailure(kind, refusal, e.getMessage(), e.presentedFingerprint());
    }

    /** The server answered a request with {@code error}. */
    public static MeetingFailure of(dev.confab.protocol.ServerMessage.ErrorMessage error) {
        return refused(ProtocolMapping.refusal(error.code()), error.message(), error.retryAfterSeconds());
    }

    static MeetingFailure of(Kind kind, String detail) {
        return new MeetingFailure(kind, null, detail, null);
    }
}
