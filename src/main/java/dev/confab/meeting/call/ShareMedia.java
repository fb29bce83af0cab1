package dev.confab.meeting.call;

import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.AnnotationSnapshot;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.ShareUpdate;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;

/**
 * The screen-share side of a {@link MeetingCall}: decodes others' SCREEN streams and sends this participant's
 * own. The desktop app plugs in the {@code ScreenShareController}, the bot its synthetic share. All methods
 * except {@link #onScreenFrame} run on the session's event thread.
 */
public interface ShareMedia extends AutoCloseable {

    /** A received SCREEN frame. Network thread: copy or decode before returning. */
    void onScreenFrame(MediaFrame frame);

    /** Someone wants a keyframe of this participant's own share. */
    default void onKeyframeRequested() {
    }

    /** Receivers are dropping this participant's share: lower its bitrate. */
    default void onRateHint(ServerMessage.RateHint hint) {
    }

    /** The network carries at most {@code kbps} of this participant's share (0: no limit). */
    default void limitBitrate(int kbps) {
    }

    default void onShareUpdated(ShareUpdate update) {
    }

    default void onAnnotation(AnnotationReceived annotation) {
    }

    default void onAnnotationState(AnnotationSnapshot snapshot) {
    }

    /** Someone joined, or resumed after a lost connection: a sharer hands them what is drawn on its share. */
    default void onParticipantJoined(int participantId) {
    }

    default void onRequestFailed(Refusal refusal, String detail, String requestType) {
    }

    default void onParticipantLeft(int participantId) {
    }

    /** Stops sending and decoding. */
    @Override
    void close();
}
