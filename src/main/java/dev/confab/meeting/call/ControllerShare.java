package dev.confab.meeting.call;

import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.AnnotationSnapshot;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.ShareUpdate;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

/** The desktop app's {@link ScreenShareController} as the share side of a {@link MeetingCall}. */
record ControllerShare(ScreenShareController controller) implements ShareMedia {

    @Override
    public void onScreenFrame(MediaFrame frame) {
        controller.onMedia(frame);
    }

    @Override
    public void onKeyframeRequested() {
        controller.onKeyframeRequested(StreamKind.SCREEN);
    }

    @Override
    public void onRateHint(ServerMessage.RateHint hint) {
        controller.onRateHint(hint);
    }

    @Override
    public void limitBitrate(int kbps) {
        controller.limitBitrate(kbps);
    }

    @Override
    public void onShareUpdated(ShareUpdate update) {
        controller.onShareUpdated(update);
    }

    @Override
    public void onAnnotation(AnnotationReceived annotation) {
        controller.onAnnotation(annotation);
    }

    @Override
    public void onAnnotationState(AnnotationSnapshot snapshot) {
        controller.onAnnotationState(snapshot);
    }

    @Override
    public void onParticipantJoined(int participantId) {
        controller.onParticipantJoined(participantId);
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        controller.onRequestFailed(refusal, detail, requestType);
    }

    @Override
    public void onParticipantLeft(int participantId) {
        controller.onParticipantLeft(participantId);
    }

    @Override
    public void close() {
        controller.close();
    }
}
