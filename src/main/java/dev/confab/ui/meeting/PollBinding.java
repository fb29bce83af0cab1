package dev.confab.ui.meeting;

import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Roster;
import dev.confab.meeting.poll.Poll;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;

import java.util.concurrent.Executor;

/**
 * Polls in the meeting screen: a {@link PollViewModel} fed with the session's events on the FX thread, and the
 * {@link PollView} bound to it. Add it to the session's listeners (or forward its events).
 */
public final class PollBinding implements MeetingListener {
    private final PollViewModel model;
    private final PollView view;

    /** @param io where results are saved, never the FX thread */
    public PollBinding(UiText text, PollCommands commands, MeetingScreen screen, Executor io) {
        this.model = new PollViewModel(commands, message -> screen.notice(message, "pollNotice"), io, Platform::runLater);
        this.view = PollView.install(text, model, screen);
    }

    public PollViewModel model() {
        return model;
    }

    /** Opens the moderator's poll editor with {@code draft} written in (the screenshot tour shows it). FX thread. */
    public void startEditing(dev.confab.meeting.poll.PollDraft draft) {
        view.startEditing().fill(draft.question(), draft.choices(), draft.multiple());
    }

    @Override
    public void onRosterChanged(Roster now) {
        boolean moderates = now.self().map(dev.confab.meeting.Attendee::moderates).orElse(false);
        Platform.runLater(() -> model.showModerates(moderates));
    }

    @Override
    public void onPollChanged(Poll poll) {
        Platform.runLater(() -> model.showPoll(poll));
    }
}
