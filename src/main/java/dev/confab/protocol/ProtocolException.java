package dev.confab.protocol;

/** A text frame that is not a valid message; {@link #code()} is what the server reports back. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;
    private final String messageType;

    public ProtocolException(ErrorCode code, String message, String messageType) {
        super(message);
        this.code = code;
        this.messageType = messageType;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code type} field of the rejected message, or null when it had none. */
    public String messageType() {
        return messageType;
    }
}
