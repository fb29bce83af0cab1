package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingSettings;
import dev.confab.meeting.Roster;
import dev.confab.meeting.WaitingPerson;
import dev.confab.ui.common.UiMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The meeting screen's moderation state, without nodes: who waits (for hosts and co-hosts), the meeting's waiting
 * room / mute on entry / spotlight, this user's own pin, which tile the grid shows large, and a pending request to
 * unmute. The pin is this user's alone and wins over the spotlight. FX thread, like {@link MeetingViewModel}, whose
 * notices it uses.
 */
public final class ModerationViewModel {

    private final MeetingViewModel meeting;
    private final ModerationCommands commands;
    private final ObservableList<WaitingPerson> waiting = FXCollections.observableArrayList();
    // One wrapper for everyone: a view listening to a wrapper that is then collected would stop hearing changes.
    private final ObservableList<WaitingPerson> waitingView = FXCollections.unmodifiableObservableList(waiting);
    private final ReadOnlyBooleanWrapper waitingRoom = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper muteOnEntry = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper spotlightId = new ReadOnlyIntegerWrapper();
    private final IntegerProperty pinnedId = new SimpleIntegerProperty();
    private final IntegerBinding featuredId;
    private final ReadOnlyBooleanWrapper selfModerates = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper selfIsHost = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<UiMessage> unmuteAsked = new ReadOnlyObjectWrapper<>();
    private MeetingViewModel.Notice arrivalNotice;

    ModerationViewModel(MeetingViewModel meeting, ModerationCommands commands) {
        this.meeting = meeting;
        this.commands = commands;
        featuredId = Bindings.createIntegerBinding(() -> pinnedId.get() != 0 ? pinnedId.get() : spotlightId.get(),
                pinnedId, spotlightId);
    }

    // ---- fed by the session ------------------------------------------------------------------------------

    public void showRoster(Roster now) {
        Attendee self = now.self().orElse(null);
        selfModerates.set(self != null && self.moderates());
        selfIsHost.set(now.selfIsHost());
        if (pinnedId.get() != 0 && now.find(pinnedId.get()).isEmpty()) {
            pinnedId.set(0); // they left: nothing to pin
        }
        if (!selfModerates.get()) {
            waiting.clear(); // no longer told who waits
        }
    }

    public void showSettings(MeetingSettings now) {
        waitingRoom.set(now.waitingRoom());
        muteOnEntry.set(now.muteOnEntry());
        spotlightId.set(now.spotlightId());
    }

    /**
     * Everyone waiting now. Newcomers get a notice, so a host busy talking still sees them; one line at a time (the
     * latest replaces the previous), so a queue does not push the meeting off the screen.
     */
    public void showWaiting(List<WaitingPerson> now) {
        Set<Integer> before = waiting.stream().map(WaitingPerson::waitingId).collect(Collectors.toSet());
        List<WaitingPerson> arrived = now.stream().filter(p -> !before.contains(p.waitingId())).toList();
        waiting.setAll(now);
        if (arrived.isEmpty()) {
            return;
        }
        if (arrivalNotice != null) {
            meeting.dismiss(arrivalNotice);
        }
        String first = arrived.getFirst().displayName();
        arrivalNotice = meeting.notice(arrived.size() == 1 ? UiMessage.of("waiting.notice.arrived", first)
                : UiMessage.of("waiting.notice.arrivedMany", first, arrived.size() - 1), "waitingArrived");
    }

    /** This client joined while mute on entry was on: it starts muted (done by the session), and is told why. */
    public void mutedOnEntry() {
        meeting.notice(UiMessage.of("moderation.notice.mutedOnEntry"), "mutedOnEntry");
    }

    /** A host or co-host asks this user to unmute: a prompt, never an unmute by itself. */
    public void unmuteRequested(Attendee by) {
        unmuteAsked.set(UiMessage.of("moderation.unmuteAsked", by != null ? by.displayName() : "?"));
    }

    // ---- the user ----------------------------------------------------------------------------------------

    /** Accepts the request to unmute: the same as pressing the microphone button. */
    public void acceptUnmute() {
        unmuteAsked.set(null);
        if (meeting.mutedProperty().get()) {
            meeting.toggleMute();
        }
    }

    public void ignoreUnmute() {
        unmuteAsked.set(null);
    }

    /** Pins (or, when pinned already, unpins) a participant's tile for this user only. */
    public void togglePin(int participantId) {
        pinnedId.set(pinnedId.get() == participantId ? 0 : participantId);
    }

    /** Spotlights a participant for everyone, or ends the spotlight when it is theirs already. */
    public void toggleSpotlight(int participantId) {
        commands.spotlight(spotlightId.get() == participantId ? 0 : participantId);
    }

    public void admit(WaitingPerson person) {
        commands.admit(person.waitingId());
    }

    public void admitAll() {
        commands.admitAll();
    }

    public void deny(WaitingPerson person) {
        commands.deny(person.waitingId());
    }

    public void setWaitingRoom(boolean enabled) {
        if (enabled != waitingRoom.get()) {
            commands.setWaitingRoom(enabled);
        }
    }

    public void setMuteOnEntry(boolean enabled) {
        if (enabled != muteOnEntry.get()) {
            commands.setMuteOnEntry(enabled);
        }
    }

    public void askAllToUnmute() {
        commands.askAllToUnmute();
    }

    public void setCohost(int participantId, boolean cohost) {
        commands.setCohost(participantId, cohost);
    }

    // ---- state -------------------------------------------------------------------------------------------

    public ObservableList<WaitingPerson> waiting() {
        return waitingView;
    }

    public ReadOnlyBooleanProperty waitingRoomProperty() {
        return waitingRoom.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty muteOnEntryProperty() {
        return muteOnEntry.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty spotlightIdProperty() {
        return spotlightId.getReadOnlyProperty();
    }

    /** This user's pinned participant, 0 for none. */
    public IntegerProperty pinnedIdProperty() {
        return pinnedId;
    }

    /** The tile shown large: this user's pin, else the spotlight; 0 for none. */
    public IntegerBinding featuredIdProperty() {
        return featuredId;
    }

    /** Whether this user is host or co-host now. */
    public ReadOnlyBooleanProperty selfModeratesProperty() {
        return selfModerates.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty selfIsHostProperty() {
        return selfIsHost.getReadOnlyProperty();
    }

    /** "Ada asks you to unmute", or null when nobody asks. */
    public ReadOnlyObjectProperty<UiMessage> unmuteAskedProperty() {
        return unmuteAsked.getReadOnlyProperty();
    }
}
