package dev.confab.meeting;


import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Records everything a session reports, for assertions with Awaitility. */
class Recorder implements MeetingListener {

    final List<SessionState> states = new CopyOnWriteArrayList<>();
    final AtomicReference<Roster> roster = new AtomicReference<>();
    final List<ChatMessage> chats = new CopyOnWriteArrayList<>();
    final List<ChatMessage> chatsSent = new CopyOnWriteArrayList<>();
    final List<ChatFailure> chatFailures = new CopyOnWriteArrayList<>();
    final List<Attendee> muteRequestsFrom = new CopyOnWriteArrayList<>();
    final List<Refusal> requestFailures = new CopyOnWriteArrayList<>();
    final List<Attendee> joined = new CopyOnWriteArrayList<>();
    final List<Roster.Departed> departed = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<java.util.Set<Integer>> camerasPaused = new CopyOnWriteArrayList<>();
    final AtomicReference<List<Integer>> hands = new AtomicReference<>(List.of());
    final List<String> reactions = new CopyOnWriteArrayList<>();
    final List<String> refusedRequests = new CopyOnWriteArrayList<>();

    @Override
    public void onHandsChanged(List<Integer> raised) {
        hands.set(raised);
    }

    @Override
    public void onReaction(int participantId, String emoji) {
        reactions.add(participantId + " " + emoji);
    }

    @Override
    public void onStateChanged(SessionState now) {
        threads.add(Thread.currentThread().getName());
        states.add(now);
    }

    @Override
    public void onRosterChanged(Roster value) {
        roster.set(value);
    }

    @Override
    public void onCamerasPaused(java.util.Set<Integer> participantIds) {
        camerasPaused.add(participantIds);
    }

    @Override
    public void onParticipantJoined(Attendee participant) {
        joined.add(participant);
    }

    @Override
    public void onParticipantLeft(Roster.Departed value) {
        departed.add(value);
    }

    @Override
    public void onMuteRequested(Attendee host) {
        muteRequestsFrom.add(host);
    }

    @Override
    public void onChat(ChatMessage message) {
        chats.add(message);
    }

    @Override
    public void onChatSent(ChatMessage message) {
        chatsSent.add(message);
    }

    @Override
    public void onChatFailed(ChatFailure failure) {
        chatFailures.add(failure);
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        requestFailures.add(refusal);
        refusedRequests.add(requestType + " " + refusal);
    }

    SessionState last() {
        return states.isEmpty() ? null : states.getLast();
    }

    boolean inMeeting() {
        return last() instanceof SessionState.InMeeting;
    }

    SessionState.Ended ended() {
        return last() instanceof SessionState.Ended e ? e : null;
    }

    boolean saw(Class<? extends SessionState> type) {
        return states.stream().anyMatch(type::isInstance);
    }
}
