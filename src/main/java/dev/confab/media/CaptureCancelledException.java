package dev.confab.media;

/** The user said no in the system's own dialog (e.g. the Wayland screen cast portal's Cancel): not an error. */
public final class CaptureCancelledException extends MediaException {
    public CaptureCancelledException(String message) {
        super(message);
    }
}
