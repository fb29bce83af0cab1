package dev.confab.media;

/** A device or codec failure, with a message fit to show the user. */
public class MediaException extends Exception {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
