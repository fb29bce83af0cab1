package dev.confab.meeting;

/**
 * A remote camera this participant's screen shows, and the size of its tile on the display in device pixels (layout
 * size × display scale): what the server forwards and how big a picture the sender need send
 * ({@link MeetingSession#showCameras}, docs/protocol.md {@code view}).
 */
public record ShownCamera(int participantId, int width, int height) {
}
