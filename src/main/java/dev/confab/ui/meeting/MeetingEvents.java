package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;

import java.util.concurrent.Executor;

/**
 * Hands the session's roster, mute requests and refusals (its own thread) to a {@link MeetingViewModel} on the FX
 * thread; nothing else. Events before {@link #attach} (while the lobby still shows) are not the screen's and are
 * dropped. The connection state comes through {@link MeetingAttempt}, which also drives the lobby; the share policy
 * through {@link ShareBinding}, which keeps what arrives before the screen exists.
 */
final class MeetingEvents implements MeetingListener {
    /** How long a reaction stays on the sender's tile and row. */
    static final java.time.Duration REACTION_SHOWN = java.time.Duration.ofSeconds(4);
    private final Executor fxThread;
    private MeetingViewModel model; // FX thread

    /** @param fxThread {@code Platform::runLater} in the app */
    MeetingEvents(Executor fxThread) {
        this.fxThread = fxThread;
    }

    /** FX thread. */
    void attach(MeetingViewModel viewModel) {
        this.model = viewModel;
    }

    @Override
    public void onRosterChanged(Roster roster) {
        onFx(m -> m.showRoster(roster));
    }

    @Override
    public void onTopicChanged(String topic) {
        onFx(m -> m.showTopic(topic));
    }

    @Override
    public void onMuteRequested(Attendee host) {
        onFx(m -> m.muteRequested(host));
    }

    @Override
    public void onSettingsChanged(dev.confab.meeting.MeetingSettings settings) {
        onFx(m -> m.moderation().showSettings(settings));
    }

    @Override
    public void onWaitingRoomChanged(java.util.List<dev.confab.meeting.WaitingPerson> waiting) {
        onFx(m -> m.moderation().showWaiting(waiting));
    }

    @Override
    public void onUnmuteRequested(Attendee by) {
        onFx(m -> m.moderation().unmuteRequested(by));
    }

    @Override
    public void onHandsChanged(java.util.List<Integer> raised) {
        onFx(m -> m.showHands(raised));
    }

    @Override
    public void onReaction(int participantId, String emoji) {
        onFx(m -> m.showReaction(participantId, emoji, REACTION_SHOWN));
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        onFx(m -> m.requestFailed(refusal));
    }

    private void onFx(java.util.function.Consumer<MeetingViewModel> action) {
        fxThread.execute(() -> {
            if (model != null) {
                action.accept(model);
            }
        });
    }
}
