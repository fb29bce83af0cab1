package dev.confab.recording;

/**
 * Hears when a recording ends, for whatever reason. Called once, on a recording thread (never the JavaFX
 * thread): hand off to the UI thread before touching the UI.
 */
@FunctionalInterface
public interface RecordingListener {
    void onStopped(RecordingOutcome outcome);
}
