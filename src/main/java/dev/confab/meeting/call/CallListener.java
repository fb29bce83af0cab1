package dev.confab.meeting.call;

import dev.confab.protocol.StreamKind;

/**
 * What a {@link MeetingCall} did for its session that the layers above may want to count or show; the routing
 * itself (keyframes, rate hints, lip sync) happens inside the engine. Methods run on the session's event thread,
 * one at a time, and must not block. All have empty defaults.
 */
public interface CallListener {

    /** Someone (0 = the server) asked for a keyframe of this participant's {@code stream}; it was passed on. */
    default void keyframeRequested(StreamKind stream, int requestedBy) {
    }
}
