package dev.confab.meeting;

import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

import java.util.List;

/** Passes every event to several listeners in order, e.g. the meeting screen and the history recorder. */
public final class CompositeMeetingListener implements MeetingListener {
    private final List<MeetingListener> listeners;

    public CompositeMeetingListener(MeetingListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void onStateChanged(SessionState now) {
        listeners.forEach(l -> l.onStateChanged(now));
    }

    @Override
    public void onRosterChanged(Roster roster) {
        listeners.forEach(l -> l.onRosterChanged(roster));
    }

    @Override
    public void onParticipantJoined(Attendee participant) {
        listeners.forEach(l -> l.onParticipantJoined(participant));
    }

    @Override
    public void onParticipantReconnected(Attendee participant) {
        listeners.forEach(l -> l.onParticipantReconnected(participant));
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        listeners.forEach(l -> l.onParticipantLeft(departed));
    }

    @Override
    public void onMuteRequested(Attendee host) {
        listeners.forEach(l -> l.onMuteRequested(host));
    }

    @Override
    public void onChat(ChatMessage message) {
        listeners.forEach(l -> l.onChat(message));
    }

    @Override
    public void onChatSent(ChatMessage message) {
        listeners.forEach(l -> l.onChatSent(message));
    }

    @Override
    public void onChatFailed(ChatFailure failure) {
        listeners.forEach(l -> l.onChatFailed(failure));
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        listeners.forEach(l -> l.onRequestFailed(refusal, detail, requestType));
    }

    @Override
    public void onKeyframeRequested(StreamKind stream, int requestedBy) {
        listeners.forEach(l -> l.onKeyframeRequested(stream, requestedBy));
    }

    @Override
    public void onRateHint(ServerMessage.RateHint hint) {
        listeners.forEach(l -> l.onRateHint(hint));
    }

    @Override
    public void onSendTarget(ServerMessage.SendTarget target) {
        listeners.forEach(l -> l.onSendTarget(target));
    }

    @Override
    public void onCamerasPaused(java.util.Set<Integer> participantIds) {
        listeners.forEach(l -> l.onCamerasPaused(participantIds));
    }

    @Override
    public void onMedia(MediaFrame frame) {
        listeners.forEach(l -> l.onMedia(frame));
    }

    @Override
    public void onShareUpdated(ShareUpdate update) {
        listeners.forEach(l -> l.onShareUpdated(update));
    }

    @Override
    public void onSharePolicy(boolean allowMultipleSharers) {
        listeners.forEach(l -> l.onSharePolicy(allowMultipleSharers));
    }

    @Override
    public void onAnnotation(AnnotationReceived annotation) {
        listeners.forEach(l -> l.onAnnotation(annotation));
    }

    @Override
    public void onAnnotationState(AnnotationSnapshot snapshot) {
        listeners.forEach(l -> l.onAnnotationState(snapshot));
    }

    @Override
    public void onRecordingChanged(RecordingChange change) {
        listeners.forEach(l -> l.onRecordingChanged(change));
    }

    @Override
    public void onRecordingPolicy(RecordingRule policy) {
        listeners.forEach(l -> l.onRecordingPolicy(policy));
    }

    @Override
    public void onTopicChanged(String topic) {
        listeners.forEach(l -> l.onTopicChanged(topic));
    }

    @Override
    public void onSettingsChanged(MeetingSettings settings) {
        listeners.forEach(l -> l.onSettingsChanged(settings));
    }

    @Override
    public void onWaitingRoomChanged(List<WaitingPerson> waiting) {
        listeners.forEach(l -> l.onWaitingRoomChanged(waiting));
    }

    @Override
    public void onUnmuteRequested(Attendee by) {
        listeners.forEach(l -> l.onUnmuteRequested(by));
    }

    @Override
    public void onFileReceived(dev.confab.meeting.files.ReceivedFile file) {
        listeners.forEach(l -> l.onFileReceived(file));
    }

    @Override
    public void onFileSendProgress(dev.confab.meeting.files.FileSendStatus status) {
        listeners.forEach(l -> l.onFileSendProgress(status));
    }

    @Override
    public void onFileFailed(dev.confab.meeting.files.FileFailure failure) {
        listeners.forEach(l -> l.onFileFailed(failure));
    }

    @Override
    public void onHandsChanged(List<Integer> raised) {
        listeners.forEach(l -> l.onHandsChanged(raised));
    }

    @Override
    public void onReaction(int participantId, String emoji) {
        listeners.forEach(l -> l.onReaction(participantId, emoji));
    }

    @Override
    public void onPollChanged(dev.confab.meeting.poll.Poll poll) {
        listeners.forEach(l -> l.onPollChanged(poll));
    }
}
