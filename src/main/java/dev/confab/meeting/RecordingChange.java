package dev.confab.meeting;

/**
 * {@code participantId} started or stopped recording the meeting locally.
 *
 * @param stoppedByPolicy the server stopped it because the recording rule (or a host change) no longer allows
 *                        that participant to record: the recorder must stop and keep what it has
 */
public record RecordingChange(int participantId, boolean recording, boolean stoppedByPolicy) {
}
