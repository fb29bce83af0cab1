package dev.confab.ui.meeting;

import dev.confab.meeting.poll.Poll;
import dev.confab.meeting.poll.PollDraft;
import dev.confab.ui.common.UiMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The poll panel's state, without nodes: the meeting's poll as last heard, whether this user runs polls (host or
 * co-host), and what the last save said. FX thread.
 */
public final class PollViewModel {
    private final PollCommands commands;
    private final Consumer<UiMessage> notice;
    private final java.util.concurrent.Executor io;
    private final java.util.concurrent.Executor fx;
    private final ReadOnlyObjectWrapper<Poll> poll = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper moderates = new ReadOnlyBooleanWrapper();

    /**
     * @param notice shows a short message on the meeting screen (saved, could not save)
     * @param io     where results are written (never the FX thread); {@code fx} brings the outcome back
     */
    public PollViewModel(PollCommands commands, Consumer<UiMessage> notice, java.util.concurrent.Executor io,
                         java.util.concurrent.Executor fx) {
        this.commands = commands;
        this.notice = notice;
        this.io = io;
        this.fx = fx;
    }

    public void showPoll(Poll now) {
        poll.set(now);
    }

    public void showModerates(boolean value) {
        moderates.set(value);
    }

    public ReadOnlyObjectProperty<Poll> pollProperty() {
        return poll.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty moderatesProperty() {
        return moderates.getReadOnlyProperty();
    }

    /** Whether a new poll may be launched now: by a moderator, while no poll is open. */
    boolean canLaunch() {
        return moderates.get() && (poll.get() == null || !poll.get().open());
    }

    void launch(PollDraft draft) {
        commands.launch(draft);
    }

    void vote(List<Integer> choices) {
        Poll now = poll.get();
        if (now != null && now.open() && !now.voted() && !choices.isEmpty()) {
            commands.vote(now.id(), choices);
        }
    }

    void end() {
        Poll now = poll.get();
        if (now != null && now.open()) {
            commands.end(now.id());
        }
    }

    void share() {
        Poll now = poll.get();
        if (now != null && !now.open() && now.results() != null) {
            commands.share(now.id(), now.results().totals());
        }
    }

    void save() {
        Poll now = poll.get();
        if (now == null || now.results() == null) {
            return;
        }
        io.execute(() -> {
            UiMessage outcome;
            try {
                Path file = commands.save(now);
                outcome = UiMessage.of("poll.saved", file.getFileName().toString());
            } catch (IOException | RuntimeException e) {
                outcome = UiMessage.of("poll.saveFailed", e.getMessage() == null ? e.toString() : e.getMessage());
            }
            UiMessage said = outcome;
            fx.execute(() -> notice.accept(said));
        });
    }
}
