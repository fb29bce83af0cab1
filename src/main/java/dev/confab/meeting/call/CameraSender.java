package dev.confab.meeting.call;

/**
 * A camera-stream sender the {@link MeetingCall} did not create itself (the load test's pre-encoded replay), so
 * that keyframe requests still reach it. Frames it sends must go through {@link MeetingCall#out()}.
 */
@FunctionalInterface
public interface CameraSender {
    /** Someone wants a keyframe of this participant's camera. Session event thread. */
    void onKeyframeRequested();
}
