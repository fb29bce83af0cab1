package dev.confab.media;

/**
 * A camera, microphone or screen the user can pick. {@code synthetic} devices are FFmpeg lavfi sources
 * (testsrc2 / sine) offered where no real device exists, and are labelled as such in the UI.
 *
 * @param id          what the capture layer opens (e.g. "/dev/video0", "video=Integrated Camera", "lavfi:testsrc2")
 * @param displayName what the user sees in the picker
 */
public record CaptureDevice(String id, String displayName, Kind kind, boolean synthetic) {
    public enum Kind { CAMERA, MICROPHONE, SCREEN }
}
