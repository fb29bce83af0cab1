package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.RecordingChange;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.privacy.PermissionCheck;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;

/**
 * Local recording in the meeting screen: a {@link RecordingViewModel} fed with the session's events on the FX
 * thread, the {@link RecordingView} bound to it, and the {@link RecordingController} that runs this participant's
 * own recording. Add it to the session's listeners (or forward its events).
 */
public final class RecordingBinding implements MeetingListener {
    private final RecordingViewModel model;
    private final RecordingController controller;

    /** @param permissions asked for {@link dev.confab.privacy.Permission#RECORDING} when Record is pressed */
    public RecordingBinding(UiText text, RecordingCommands commands, MeetingScreen screen, RecordingSetup setup,
                            PermissionCheck permissions) {
        this.model = new RecordingViewModel(setup.allowedByAdmin().getAsBoolean());
        this.controller = new RecordingController(model, commands, setup, screen::showNotice, Platform::runLater,
                permissions);
        new RecordingView(text, model, controller, commands, screen);
    }

    public RecordingViewModel model() {
        return model;
    }

    @Override
    public void onRosterChanged(Roster now) {
        Platform.runLater(() -> model.showRoster(now));
    }

    @Override
    public void onRecordingChanged(RecordingChange change) {
        Platform.runLater(() -> controller.recordingChanged(change));
    }

    @Override
    public void onRecordingPolicy(RecordingRule policy) {
        Platform.runLater(() -> model.showRule(policy));
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        if ("recording_start".equals(requestType)) {
            Platform.runLater(controller::startRefused);
        }
    }

    /** The meeting is over or the screen goes away: stop and finish this participant's own recording. FX thread. */
    public void close() {
        controller.close();
    }
}
