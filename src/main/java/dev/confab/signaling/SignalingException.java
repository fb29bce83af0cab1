package dev.confab.signaling;

import dev.confab.protocol.ErrorCode;

/** Why a connection attempt failed, typed so the UI can explain it and offer the right next step. */
public final class SignalingException extends Exception {

    public enum Kind {
        /** No server answered at that address (refused, unknown host, no route, or no WebSocket there). */
        UNREACHABLE,
        /** The certificate is not trusted and no fingerprint was pinned: ask the user, then pin {@link #presentedFingerprint()}. */
        CERTIFICATE_UNTRUSTED,
        /** A fingerprint was pinned for this server but it presented a different certificate: possible attack. */
        CERTIFICATE_CHANGED,
        /** The server does not speak this client's protocol version. */
        UNSUPPORTED_VERSION,
        /** The server did not complete the handshake in time. */
        TIMEOUT,
        /** The server answered with something this client does not understand. */
        PROTOCOL_ERROR
    }

    private final Kind kind;
    private final String presentedFingerprint;
    private final ErrorCode serverCode;

    public SignalingException(Kind kind, String message, String presentedFingerprint, ErrorCode serverCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.presentedFingerprint = presentedFingerprint;
        this.serverCode = serverCode;
    }

    public SignalingException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** SHA-256 fingerprint of the certificate the server presented (certificate kinds only), else null. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The server's error code when the server itself refused (e.g. UNSUPPORTED_VERSION), else null. */
    public ErrorCode serverCode() {
        return serverCode;
    }
}
