package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;

import java.util.concurrent.Executor;

/**
 * Hands the session's events (its own thread) to a {@link MeetingViewModel} on the FX thread; nothing else.
 * Events before {@link #attach} (while the lobby still shows) are not the screen's and are dropped.
 */
final class MeetingEvents implements MeetingListener {
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
    public void onStateChanged(SessionState now) {
        if (now instanceof SessionState.Reconnecting || now instanceof SessionState.InMeeting) {
            onFx(m -> m.showState(now));
        }
    }

    @Override
    public void onMuteRequested(Attendee host) {
        onFx(m -> m.muteRequested(host));
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        onFx(m -> m.requestFailed(refusal));
    }

    @Override
    public void onSharePolicy(boolean allowMultipleSharers) {
        onFx(m -> m.showSharePolicy(allowMultipleSharers));
    }

    private void onFx(java.util.function.Consumer<MeetingViewModel> action) {
        fxThread.execute(() -> {
            if (model != null) {
                action.accept(model);
            }
        });
    }
}
