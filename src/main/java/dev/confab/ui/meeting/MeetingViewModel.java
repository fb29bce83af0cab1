package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.ShownCamera;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.lobby.MeetingIds;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The meeting screen's state, without nodes: participants as {@link ParticipantRow}s, this user's microphone and
 * camera switches, header texts (as {@link UiMessage}s, so the view follows the language), notices, and what the
 * controls offer. Methods are plain and synchronous; call them on the FX thread ({@link MeetingEvents} hands the
 * session's events over). User actions that leave this screen go to the {@link MeetingCommands}.
 */
public final class MeetingViewModel {

    /** How others reach a meeting on this computer's built-in server. */
    public record Invite(List<URI> networkUrls, String fingerprint) {
    }

    /** A dismissable line under the header; {@code id} becomes the label's node id. Compared by identity. */
    public static final class Notice {
        private final String id;
        private final UiMessage message;

        Notice(String id, UiMessage message) {
            this.id = id;
            this.message = message;
        }

        public String id() {
            return id;
        }

        public UiMessage message() {
            return message;
        }
    }

    private final MeetingCommands commands;
    private final Invite invite;
    private final ParticipantRows rows = new ParticipantRows();
    private final ReadOnlyObjectWrapper<Roster> roster = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty muted = new SimpleBooleanProperty();
    private final BooleanProperty cameraOn = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper listenOnly = new ReadOnlyBooleanWrapper();
    private final BooleanProperty panelShown = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<UiMessage> title = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UiMessage> participantCount = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper topic = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<UiMessage> inviteText = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<UiMessage> connectionProblem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final BooleanProperty shareAvailable = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper multipleSharersAllowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper endForAllAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<List<ShownCamera>> shownCameras = new ReadOnlyObjectWrapper<>();
    private final ModerationViewModel moderation;
    private final ObservableList<Integer> raisedHands = FXCollections.observableArrayList();
    private final ObservableList<Integer> raisedHandsView = FXCollections.unmodifiableObservableList(raisedHands);
    private final ReadOnlyBooleanWrapper ownHandRaised = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper selfModerates = new ReadOnlyBooleanWrapper();

    /** @param invite how others reach a meeting on the built-in server; null for a remote server */
    public MeetingViewModel(MeetingCommands commands, Invite invite, OwnMediaState initial) {
        this(commands, ModerationCommands.NONE, invite, initial);
    }

    /** @param moderation what hosts and co-hosts ask of the meeting (waiting room, co-hosts, spotlight) */
    public MeetingViewModel(MeetingCommands commands, ModerationCommands moderation, Invite invite,
                            OwnMediaState initial) {
        this.commands = commands;
        this.moderation = new ModerationViewModel(this, moderation);
        this.invite = invite;
        muted.set(initial.muted());
        cameraOn.set(initial.cameraOn());
        muted.addListener((obs, old, now) -> publishOwnState());
        cameraOn.addListener((obs, old, now) -> publishOwnState());
        showElapsed(0);
    }

    // ---- fed by the session ------------------------------------------------------------------------------

    public void showRoster(Roster now) {
        roster.set(now);
        rows.show(now);
        participantCount.set(UiMessage.of("meeting.participantsCount", now.participants().size()));
        title.set(UiMessage.of("meeting.title", MeetingIds.group(now.meetingId())));
        locked.set(now.locked());
        endForAllAvailable.set(now.selfIsHost());
        selfModerates.set(now.self().map(Attendee::moderates).orElse(false));
        showOwnInRow();
        showHandsInRows(raisedHands);
        showInvite(now);
        moderation.showRoster(now);
    }

    /** The raised hands in queue order (participant ids), as the server said. */
    public void showHands(List<Integer> queue) {
        showHandsInRows(queue); // first: the list re-sorts on the queue's change and reads the rows
        raisedHands.setAll(queue);
        Roster now = roster.get();
        ownHandRaised.set(now != null && queue.contains(now.selfId()));
    }

    private void showHandsInRows(List<Integer> queue) {
        rows.rows().forEach(row -> row.setHandPosition(queue.indexOf(row.id()) + 1));
    }

    /** Shows {@code emoji} on {@code participantId}'s tile and row for {@code shownFor}, unless another follows. */
    public void showReaction(int participantId, String emoji, java.time.Duration shownFor) {
        rows.row(participantId).ifPresent(row -> {
            row.setReaction(emoji);
            var pause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(shownFor.toMillis()));
            pause.setOnFinished(e -> {
                if (emoji.equals(row.reactionProperty().get())) {
                    row.setReaction(null);
                }
            });
            pause.play();
        });
    }

    /** Raises this participant's hand, or lowers it. */
    public void toggleHand() {
        commands.raiseHand(!ownHandRaised.get());
    }

    public void react(String emoji) {
        commands.react(emoji);
    }

    /** Host or co-host: lower one participant's hand. */
    public void lowerHand(int participantId) {
        commands.lowerHand(participantId);
    }

    /** Host or co-host: lower every hand. */
    public void lowerAllHands() {
        commands.lowerAllHands();
    }

    /** Raised hands, first raised first. */
    public ObservableList<Integer> raisedHands() {
        return raisedHandsView;
    }

    public ReadOnlyBooleanProperty ownHandRaisedProperty() {
        return ownHandRaised.getReadOnlyProperty();
    }

    /** Whether this participant is host or co-host (may lower hands, run polls). */
    public ReadOnlyBooleanProperty selfModeratesProperty() {
        return selfModerates.getReadOnlyProperty();
    }

    public void showState(SessionState state) {
        connectionProblem.set(state instanceof SessionState.Reconnecting r
                ? r.moving() ? UiMessage.of("meeting.moving") : UiMessage.of("meeting.reconnecting", r.attempt())
                : null);
    }

    /** The host asked this participant to mute: mute (and publish it) and say so. Only the user can unmute. */
    public void muteRequested(Attendee host) {
        muted.set(true);
        notice(UiMessage.of("meeting.notice.askedToMute", host != null ? host.displayName() : "?"), "askedToMute");
    }

    /** No microphone could be used: muted for everyone, and the mute button says why instead of unmuting. */
    public void showListenOnly() {
        listenOnly.set(true);
        muted.set(true);
    }

    public void requestFailed(Refusal refusal) {
        UiMessage reason = UiMessage.of("meeting.failure." + refusal.name().toLowerCase(Locale.ROOT));
        notice(UiMessage.of("meeting.notice.requestFailed", reason), "requestFailed");
    }

    /** The host's "Allow several people to share" choice, as the server last reported it. */
    public void showSharePolicy(boolean allowed) {
        multipleSharersAllowed.set(allowed);
    }

    public void setSpeaking(int participantId, boolean speaking) {
        rows.row(participantId).ifPresent(r -> r.setSpeaking(speaking));
    }

    public void showElapsed(long seconds) {
        elapsed.set(seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%02d:%02d", seconds / 60, seconds % 60));
    }

    public Notice notice(UiMessage message, String id) {
        Notice notice = new Notice(id, message);
        notices.add(notice);
        return notice;
    }

    public void dismiss(Notice notice) {
        notices.remove(notice);
    }

    // ---- the user ----------------------------------------------------------------------------------------

    /**
     * The video grid laid out these remote cameras at these tile sizes (a page, the speaker and filmstrip, a share's
     * filmstrip; whenever that changes). The media binding tells the meeting, which then receives only those.
     */
    public void gridShows(List<ShownCamera> cameras) {
        shownCameras.set(List.copyOf(cameras));
    }

    /** The mute button and Alt+A: toggles, except that listening only cannot be unmuted (it says so instead). */
    public void toggleMute() {
        if (listenOnly.get()) {
            notice(UiMessage.of("meeting.notice.listenOnly"), "listenOnly");
        } else {
            muted.set(!muted.get());
        }
    }

    public void toggleCamera() {
        cameraOn.set(!cameraOn.get());
    }

    /** Leave; the host is asked first whether to end the meeting for everyone instead (see {@link #endForAllAvailable}). */
    public void leave() {
        commands.leave();
    }

    public void endForAll() {
        commands.endForAll();
    }

    /** The meeting ID as the user types it, for the clipboard; empty before the roster arrives. */
    public Optional<String> meetingIdToCopy() {
        Roster r = roster.get();
        return r == null ? Optional.empty() : Optional.of(MeetingIds.group(r.meetingId()));
    }

    // ---- state -------------------------------------------------------------------------------------------

    public ObservableList<ParticipantRow> participants() {
        return rows.rows();
    }

    public Optional<ParticipantRow> participant(int participantId) {
        return rows.row(participantId);
    }

    public ReadOnlyObjectProperty<Roster> rosterProperty() {
        return roster.getReadOnlyProperty();
    }

    public BooleanProperty mutedProperty() {
        return muted;
    }

    public BooleanProperty cameraOnProperty() {
        return cameraOn;
    }

    public ReadOnlyBooleanProperty listenOnlyProperty() {
        return listenOnly.getReadOnlyProperty();
    }

    public BooleanProperty panelShownProperty() {
        return panelShown;
    }

    public ReadOnlyObjectProperty<UiMessage> titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UiMessage> participantCountProperty() {
        return participantCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** What the meeting is about, as the server last said ("" for none). */
    public ReadOnlyStringProperty topicProperty() {
        return topic.getReadOnlyProperty();
    }

    /** The session heard a new topic (null: none). */
    public void showTopic(String now) {
        topic.set(now == null ? "" : now);
    }

    /** The host typed a topic: sent to the server, shown once everyone gets it back. */
    public void changeTopic(String typed) {
        String wanted = typed == null ? "" : typed.strip();
        if (!wanted.equals(topic.get())) {
            commands.setTopic(wanted);
        }
    }

    /** The invite line, or null when there is none to show (a remote server, or before the roster). */
    public ReadOnlyObjectProperty<UiMessage> inviteTextProperty() {
        return inviteText.getReadOnlyProperty();
    }

    /** "Reconnecting (attempt n)…", or null while connected. */
    public ReadOnlyObjectProperty<UiMessage> connectionProblemProperty() {
        return connectionProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ObservableList<Notice> notices() {
        return notices;
    }

    /** Whether the Share button is offered (screen sharing is wired for this meeting). */
    public BooleanProperty shareAvailableProperty() {
        return shareAvailable;
    }

    public ReadOnlyBooleanProperty multipleSharersAllowedProperty() {
        return multipleSharersAllowed.getReadOnlyProperty();
    }

    /** The remote cameras on screen and their tile sizes ({@link #gridShows}); null before the grid was laid out. */
    public ReadOnlyObjectProperty<List<ShownCamera>> shownCamerasProperty() {
        return shownCameras.getReadOnlyProperty();
    }

    /** Only the host may end the meeting for everyone; Leave asks them which they mean. */
    public ReadOnlyBooleanProperty endForAllAvailableProperty() {
        return endForAllAvailable.getReadOnlyProperty();
    }

    /** Waiting room, co-hosts, mute on entry, unmute requests, pin and spotlight. */
    public ModerationViewModel moderation() {
        return moderation;
    }

    MeetingCommands commands() {
        return commands;
    }

    private void publishOwnState() {
        commands.updateOwnState(new OwnMediaState(muted.get(), cameraOn.get(), false, false));
        showOwnInRow();
    }

    private void showOwnInRow() {
        Roster r = roster.get();
        if (r != null) {
            rows.row(r.selfId()).ifPresent(row -> row.showOwn(muted.get(), cameraOn.get()));
        }
    }

    private void showInvite(Roster r) {
        if (invite == null) {
            return;
        }
        if (invite.networkUrls().isEmpty()) {
            inviteText.set(UiMessage.of("meeting.inviteLocalOnly"));
        } else {
            String urls = invite.networkUrls().stream().map(URI::toString).collect(Collectors.joining(", "));
            inviteText.set(UiMessage.of("meeting.invite", urls, MeetingIds.group(r.meetingId()), invite.fingerprint()));
        }
    }
}
