package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.ui.common.Icons;
import dev.confab.ui.lobby.MeetingIds;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.video.VideoView;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The in-meeting screen: title, lock, elapsed time, reconnect banner and notices on top; the video grid in
 * the middle; the participant list (a tab pane, so chat can join it) on the right; the controls at the bottom.
 * Fed on the FX thread by whoever runs the session ({@link MeetingLauncher}); hooks for media in
 * {@link MeetingControls}. Alt+A toggles the microphone, Alt+V the camera, Alt+S opens the share picker.
 */
public final class MeetingScreen implements Screen, MeetingControls {
    private static final KeyCombination TOGGLE_MUTE = KeyCombination.keyCombination("Alt+A");
    private static final KeyCombination TOGGLE_CAMERA = KeyCombination.keyCombination("Alt+V");
    private static final KeyCombination SHARE_SCREEN = KeyCombination.keyCombination("Alt+S");

    /** How others reach a meeting on this computer's built-in server. */
    public record Invite(List<URI> networkUrls, String fingerprint) {
    }

    private final UiText text;
    private final MeetingCommands commands;
    private final Invite invite;
    private final BooleanProperty muted = new SimpleBooleanProperty();
    private final BooleanProperty listenOnly = new SimpleBooleanProperty();
    private final BooleanProperty cameraOn = new SimpleBooleanProperty();
    private final BooleanProperty panelShown = new SimpleBooleanProperty(true);
    private final ObjectProperty<Roster> roster = new SimpleObjectProperty<>();
    private final VideoGrid grid;
    private final ParticipantList participants;
    private final TabPane side = new TabPane();
    private final Tab participantsTab = new Tab();
    private final Label title = new Label();
    private final Label lockBadge = new Label(null, Icons.of(MaterialDesignL.LOCK));
    private final Label elapsed = new Label(null, Icons.of(MaterialDesignC.CLOCK_OUTLINE));
    private final Label reconnecting = new Label(null, Icons.of(MaterialDesignW.WIFI_OFF));
    private final Label inviteLine = new Label();
    private final VBox notices = new VBox(6);
    private final VBox bannerSlot = new VBox();
    private final Button shareButton = controlButton("shareButton");
    private final HBox headerBar = new HBox(10);
    private final HBox controlsBar = new HBox(10);
    private final Timeline clock;
    private final long startedNanos = System.nanoTime();
    private final BorderPane view = new BorderPane();
    private boolean disposed;

    public MeetingScreen(UiText text, MeetingCommands commands, Invite invite, OwnMediaState initial) {
        this.text = text;
        this.commands = commands;
        this.invite = invite;
        this.grid = new VideoGrid(text);
        this.participants = new ParticipantList(text, commands);
        muted.set(initial.muted());
        cameraOn.set(initial.cameraOn());
        muted.addListener((obs, old, now) -> publishOwnState());
        cameraOn.addListener((obs, old, now) -> publishOwnState());
        view.setId("meeting");
        view.getStyleClass().add("meeting");
        view.setTop(buildHeader());
        view.setCenter(grid);
        view.setRight(buildSidePanel());
        view.setBottom(buildControls());
        clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> showElapsed()));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        showElapsed();
        view.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.getAccelerators().remove(TOGGLE_MUTE);
                old.getAccelerators().remove(TOGGLE_CAMERA);
                old.getAccelerators().remove(SHARE_SCREEN);
            }
            if (scene != null) {
                installShortcuts(scene);
            }
        });
    }

    @Override
    public String name() {
        return "meeting";
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public boolean keepsUserHere() {
        return true;
    }

    /** Leaves the meeting if still in it (window closed, app quitting). */
    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        clock.stop();
        commands.leave();
    }

    public boolean isDisposed() {
        return disposed;
    }

    // ---- fed by the session (FX thread) --------------------------------------------------------------

    public void showRoster(Roster now) {
        roster.set(now);
        grid.setRoster(now);
        participants.setRoster(now);
        participantsTab.textProperty().bind(text.bind("meeting.participantsCount", now.participants().size()));
        title.textProperty().bind(text.bind("meeting.title", MeetingIds.group(now.meetingId())));
        lockBadge.setVisible(now.locked());
        selfTile().ifPresent(t -> {
            t.setMutedShown(muted.get());
            t.setCameraOn(cameraOn.get());
        });
        showInvite(now);
    }

    public void showState(SessionState state) {
        if (state instanceof SessionState.Reconnecting r) {
            reconnecting.textProperty().bind(text.bind("meeting.reconnecting", r.attempt()));
            reconnecting.setVisible(true);
        } else {
            reconnecting.setVisible(false);
        }
    }

    /** The host asked this participant to mute: mute (and publish it) and say so. Only the user can unmute. */
    public void muteRequested(Attendee host) {
        muted.set(true);
        addNotice(UiMessage.of("meeting.notice.askedToMute", host != null ? host.displayName() : "?"), "askedToMute");
    }

    /**
     * No microphone could be used (none, not allowed, or it failed to open): this participant only listens. They
     * are shown muted to themselves and to everyone, and the mute button says why instead of unmuting. FX thread.
     */
    @Override
    public void showListenOnly() {
        listenOnly.set(true);
        muted.set(true);
    }

    public boolean isListenOnly() {
        return listenOnly.get();
    }

    /** The mute button and Alt+A: toggles, except that listening only cannot be unmuted (it says so instead). */
    private void toggleMute() {
        if (listenOnly.get()) {
            addNotice(UiMessage.of("meeting.notice.listenOnly"), "listenOnly");
        } else {
            muted.set(!muted.get());
        }
    }

    /** Shows a dismissable notice at the top (e.g. a refused share). FX thread. */
    public void notice(UiMessage message, String id) {
        addNotice(message, id);
    }

    // ---- hooks for screen sharing (see ShareBinding) ---------------------------------------------------

    /** The Share button in the controls bar (also Alt+S); hidden until sharing is wired. */
    public Button shareButton() {
        return shareButton;
    }

    /** A share takes the middle: {@code stage} above a filmstrip of the same video tiles. FX thread. */
    public void showShareInCenter(Parent stage) {
        grid.filmstripProperty().set(true);
        VBox.setVgrow(stage, Priority.ALWAYS);
        // The share's tool bar must not push the side panel off the window: the middle takes what is left.
        if (stage instanceof Region region) {
            region.setMinSize(0, 0);
        }
        VBox center = new VBox(8, stage, grid);
        center.setMinSize(0, 0);
        center.setId("shareCenter");
        view.setCenter(center);
    }

    /** The host's "Allow several people to share" choice, as the server last reported it. FX thread. */
    public void showSharePolicy(boolean multipleSharersAllowed) {
        participants.showMultipleSharersAllowed(multipleSharersAllowed);
    }

    /** Back to the video grid. FX thread. */
    public void showGridInCenter() {
        grid.filmstripProperty().set(false);
        view.setCenter(grid);
    }

    /** A bar across the top of the screen (the sharer's "You are sharing" banner), or null to remove it. */
    public void setBanner(Parent banner) {
        bannerSlot.getChildren().setAll(banner == null ? List.of() : List.of(banner));
    }

    public void requestFailed(Refusal refusal) {
        String reason = text.get("meeting.failure." + refusal.name().toLowerCase(java.util.Locale.ROOT));
        addNotice(UiMessage.of("meeting.notice.requestFailed", reason), "requestFailed");
    }

    // ---- MeetingControls ------------------------------------------------------------------------------

    @Override
    public BooleanProperty mutedProperty() {
        return muted;
    }

    @Override
    public BooleanProperty cameraOnProperty() {
        return cameraOn;
    }

    @Override
    public VideoView selfView() {
        return selfTile().map(ParticipantTile::videoView).orElse(null);
    }

    @Override
    public VideoView videoViewFor(int participantId) {
        return grid.videoViewFor(participantId);
    }

    @Override
    public Optional<ParticipantTile> tile(int participantId) {
        return grid.tile(participantId);
    }

    @Override
    public void setSpeaking(int participantId, boolean speaking) {
        grid.setSpeaking(participantId, speaking);
    }

    @Override
    public TabPane sidePanel() {
        return side;
    }

    /** Adds badges (e.g. the recording indicator) to the header, after the elapsed time. */
    public void addHeaderItem(javafx.scene.Node item) {
        headerBar.getChildren().add(headerBar.getChildren().indexOf(elapsed) + 1, item);
    }

    /** Adds buttons to the controls bar, before the spacer that pushes Leave to the right. */
    public void addControls(javafx.scene.Node... items) {
        int spacer = controlsBar.getChildren().stream().filter(n -> n.getClass() == Region.class).findFirst()
                .map(controlsBar.getChildren()::indexOf).orElse(controlsBar.getChildren().size());
        controlsBar.getChildren().addAll(spacer, List.of(items));
    }

    /** A banner that stays until {@link #removeBanner} (e.g. a prompt with its own buttons). */
    public void addBanner(javafx.scene.Node banner) {
        notices.getChildren().add(0, banner);
    }

    public void removeBanner(javafx.scene.Node banner) {
        notices.getChildren().remove(banner);
    }

    /** A dismissible notice with the given node id. */
    public VideoGrid grid() {
        return grid;
    }

    public BooleanProperty panelShownProperty() {
        return panelShown;
    }

    // ---- building -------------------------------------------------------------------------------------

    private Optional<ParticipantTile> selfTile() {
        Roster r = roster.get();
        return r == null ? Optional.empty() : grid.tile(r.selfId());
    }

    private void publishOwnState() {
        commands.updateOwnState(new OwnMediaState(muted.get(), cameraOn.get(), false, false));
        selfTile().ifPresent(t -> {
            t.setMutedShown(muted.get());
            t.setCameraOn(cameraOn.get());
        });
    }

    private VBox buildHeader() {
        title.setId("meetingTitle");
        title.getStyleClass().addAll(Styles.TITLE_4, "meeting-title");
        Button copy = new Button(null, Icons.of(MaterialDesignC.CONTENT_COPY));
        copy.setId("copyMeetingId");
        copy.getStyleClass().addAll(Styles.SMALL);
        copy.textProperty().bind(text.bind("meeting.copyId"));
        Tooltip copyTip = new Tooltip();
        copyTip.textProperty().bind(text.bind("meeting.copyIdTip"));
        copy.setTooltip(copyTip);
        copy.setOnAction(e -> copyMeetingId(copy));
        lockBadge.setId("lockBadge");
        lockBadge.textProperty().bind(text.bind("meeting.locked"));
        lockBadge.getStyleClass().addAll("meeting-badge", Styles.WARNING);
        Tooltip lockTip = new Tooltip();
        lockTip.textProperty().bind(text.bind("meeting.lockedTip"));
        lockBadge.setTooltip(lockTip);
        lockBadge.setVisible(false);
        lockBadge.managedProperty().bind(lockBadge.visibleProperty());
        elapsed.setId("elapsed");
        elapsed.getStyleClass().add("meeting-elapsed");
        Tooltip elapsedTip = new Tooltip();
        elapsedTip.textProperty().bind(text.bind("meeting.elapsedTip"));
        elapsed.setTooltip(elapsedTip);

        ToggleButton speaker = new ToggleButton(null, Icons.of(MaterialDesignA.ACCOUNT_VOICE));
        speaker.setId("speakerView");
        speaker.textProperty().bind(text.bind("meeting.speakerView"));
        speaker.selectedProperty().bindBidirectional(grid.speakerViewProperty());
        ToggleButton stats = new ToggleButton(null, Icons.of(MaterialDesignC.CHART_BAR));
        stats.setId("showStats");
        stats.textProperty().bind(text.bind("meeting.showStats"));
        stats.selectedProperty().bindBidirectional(grid.showStatsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = headerBar;
        bar.getChildren().setAll(title, copy, lockBadge, elapsed, spacer, speaker, stats);
        bar.setAlignment(Pos.CENTER_LEFT);

        inviteLine.setId("invite");
        inviteLine.setWrapText(true);
        inviteLine.getStyleClass().add("meeting-invite");
        inviteLine.managedProperty().bind(inviteLine.visibleProperty());
        inviteLine.setVisible(false);

        reconnecting.setId("reconnecting");
        reconnecting.getStyleClass().addAll("notice", "notice-warning", "reconnecting-banner");
        reconnecting.setMaxWidth(Double.MAX_VALUE);
        reconnecting.setVisible(false);
        reconnecting.managedProperty().bind(reconnecting.visibleProperty());

        notices.setId("meetingNotices");
        bannerSlot.setId("bannerSlot");
        bannerSlot.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(bannerSlot.getChildren()));
        VBox header = new VBox(6, bannerSlot, bar, inviteLine, reconnecting, notices);
        header.getStyleClass().add("meeting-header");
        return header;
    }

    private TabPane buildSidePanel() {
        participantsTab.setId("participantsTab");
        participantsTab.setClosable(false);
        participantsTab.setContent(participants);
        side.getTabs().add(participantsTab);
        side.setId("sidePanel");
        side.getStyleClass().add("side-panel");
        side.setPrefWidth(290);
        side.setMinWidth(240);
        side.visibleProperty().bind(panelShown);
        side.managedProperty().bind(panelShown);
        return side;
    }

    private HBox buildControls() {
        Button mute = controlButton("muteButton");
        mute.textProperty().bind(javafx.beans.binding.Bindings.when(listenOnly).then(text.bind("meeting.listenOnly"))
                .otherwise(javafx.beans.binding.Bindings.when(muted)
                        .then(text.bind("meeting.unmute")).otherwise(text.bind("meeting.mute"))));
        mute.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() ->
                Icons.of(muted.get() ? MaterialDesignM.MICROPHONE_OFF : MaterialDesignM.MICROPHONE), muted));
        mute.setOnAction(e -> toggleMute());
        listenOnly.addListener((obs, old, now) -> {
            if (!now) {
                return;
            }
            Tooltip why = new Tooltip();
            why.textProperty().bind(text.bind("meeting.listenOnlyTip"));
            mute.setTooltip(why);
        });
        muted.addListener((obs, old, now) -> pseudo(mute, now));
        pseudo(mute, muted.get());

        Button camera = controlButton("cameraButton");
        camera.textProperty().bind(javafx.beans.binding.Bindings.when(cameraOn)
                .then(text.bind("meeting.stopVideo")).otherwise(text.bind("meeting.startVideo")));
        camera.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() ->
                Icons.of(cameraOn.get() ? MaterialDesignV.VIDEO : MaterialDesignV.VIDEO_OFF), cameraOn));
        camera.setOnAction(e -> cameraOn.set(!cameraOn.get()));
        cameraOn.addListener((obs, old, now) -> pseudo(camera, !now));
        pseudo(camera, !cameraOn.get());

        ToggleButton people = new ToggleButton(null, Icons.of(MaterialDesignA.ACCOUNT_MULTIPLE));
        people.setId("participantsButton");
        people.setContentDisplay(ContentDisplay.TOP);
        people.getStyleClass().add("control-button");
        people.textProperty().bind(text.bind("meeting.participants"));
        people.selectedProperty().bindBidirectional(panelShown);

        Button leave = controlButton("leaveButton");
        leave.setGraphic(Icons.of(MaterialDesignP.PHONE_HANGUP));
        leave.getStyleClass().add(Styles.DANGER);
        leave.textProperty().bind(text.bind("meeting.leave"));
        leave.setOnAction(e -> leave());

        shareButton.setGraphic(Icons.of(MaterialDesignM.MONITOR_SHARE));
        shareButton.textProperty().bind(text.bind("meeting.shareScreen"));
        Tooltip shareTip = new Tooltip();
        shareTip.textProperty().bind(text.bind("meeting.shareScreenTip"));
        shareButton.setTooltip(shareTip);
        shareButton.setVisible(false);
        shareButton.managedProperty().bind(shareButton.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = controlsBar;
        bar.getChildren().setAll(mute, camera, people, shareButton, spacer, leave);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("meeting-controls");
        bar.setId("meetingControls");
        return bar;
    }

    private static Button controlButton(String id) {
        Button b = new Button();
        b.setId(id);
        b.setContentDisplay(ContentDisplay.TOP);
        b.getStyleClass().add("control-button");
        return b;
    }

    private static void pseudo(Button b, boolean off) {
        b.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("off"), off);
    }

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(TOGGLE_MUTE, this::toggleMute);
        scene.getAccelerators().put(TOGGLE_CAMERA, () -> cameraOn.set(!cameraOn.get()));
        scene.getAccelerators().put(SHARE_SCREEN, () -> {
            if (shareButton.isVisible() && !shareButton.isDisabled()) {
                shareButton.fire();
            }
        });
    }

    /** The host chooses between leaving (the meeting goes on) and ending it for everyone. */
    private void leave() {
        Roster r = roster.get();
        if (r == null || !r.selfIsHost()) {
            commands.leave();
            return;
        }
        ButtonType leaveOnly = new ButtonType(text.get("meeting.leaveMeeting"), ButtonBar.ButtonData.OK_DONE);
        ButtonType endAll = new ButtonType(text.get("meeting.endForAll"), ButtonBar.ButtonData.OTHER);
        ButtonType cancel = new ButtonType(text.get("meeting.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert choice = new Alert(Alert.AlertType.CONFIRMATION, text.get("meeting.leaveChoiceDetail"), leaveOnly, endAll, cancel);
        choice.setTitle(text.get("app.title"));
        choice.setHeaderText(text.get("meeting.leaveChoice"));
        if (view.getScene() != null) {
            choice.initOwner(view.getScene().getWindow());
        }
        choice.getDialogPane().lookupButton(leaveOnly).setId("leaveOnly");
        choice.getDialogPane().lookupButton(endAll).setId("leaveEndForAll");
        choice.resultProperty().addListener((obs, old, result) -> {
            if (result == leaveOnly) {
                commands.leave();
            } else if (result == endAll) {
                commands.endForAll();
            }
        });
        choice.show();
    }

    private void copyMeetingId(Button copy) {
        Roster r = roster.get();
        if (r == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(MeetingIds.group(r.meetingId()));
        Clipboard.getSystemClipboard().setContent(content);
        copy.textProperty().bind(text.bind("meeting.copied"));
        PauseTransition back = new PauseTransition(Duration.seconds(2));
        back.setOnFinished(e -> copy.textProperty().bind(text.bind("meeting.copyId")));
        back.play();
    }

    private void showInvite(Roster r) {
        if (invite == null) {
            return;
        }
        inviteLine.setVisible(true);
        if (invite.networkUrls().isEmpty()) {
            inviteLine.textProperty().bind(text.bind("meeting.inviteLocalOnly"));
        } else {
            String urls = invite.networkUrls().stream().map(URI::toString).collect(Collectors.joining(", "));
            inviteLine.textProperty().bind(text.bind("meeting.invite", urls, MeetingIds.group(r.meetingId()),
                    invite.fingerprint()));
        }
    }

    private void showElapsed() {
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        elapsed.setText(seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%02d:%02d", seconds / 60, seconds % 60));
    }

    /** A dismissable line under the header, e.g. a device that could not be opened; returns it for removal. FX thread. */
    public javafx.scene.Node showNotice(UiMessage message, String id) {
        return addNotice(message, id);
    }

    /** Removes a notice shown earlier (a toast that timed out). FX thread. */
    public void removeNotice(javafx.scene.Node notice) {
        notices.getChildren().remove(notice);
    }

    private HBox addNotice(UiMessage message, String id) {
        Label label = new Label();
        label.textProperty().bind(text.bind(message.key(), message.args().toArray()));
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setId(id);
        HBox.setHgrow(label, Priority.ALWAYS);
        Button close = new Button(null, Icons.of(MaterialDesignC.CLOSE));
        close.getStyleClass().add("flat");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("notice.dismiss"));
        close.setTooltip(tip);
        HBox notice = new HBox(8, label, close);
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.getStyleClass().addAll("notice", "notice-warning");
        close.setOnAction(e -> notices.getChildren().remove(notice));
        notices.getChildren().add(notice);
        return notice;
    }
}
