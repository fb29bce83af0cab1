package dev.confab.recording;

/** A recording could not start or be finished; the message is fit to show the user. */
public class RecordingException extends Exception {
    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
