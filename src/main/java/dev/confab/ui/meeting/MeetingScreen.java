package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.video.VideoView;
import javafx.beans.binding.Bindings;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import dev.confab.ui.common.KeyboardMap;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Optional;

/**
 * The in-meeting screen, a view of a {@link MeetingViewModel}: the {@link MeetingHeader} on top, the video grid in
 * the middle, the participant list (a tab pane, so chat can join it) on the right, the {@link MeetingToolbar} at the
 * bottom. The methods that show session events forward to the model, which the views are bound to; hooks for media
 * in {@link MeetingControls}. Alt+A toggles the microphone, Alt+V the camera, Alt+S opens the share picker.
 */
public final class MeetingScreen implements Screen, MeetingControls {

    private final UiText text;
    private final MeetingViewModel model;
    private final VideoGrid grid;
    private final MeetingHeader header;
    private final MeetingToolbar toolbar;
    private final TabPane side = new TabPane();
    private final Timeline clock;
    private final long startedNanos = System.nanoTime();
    private final BorderPane view = new BorderPane();
    /** 13 % of the window: the full 110 px from about 850 px high, 88 px at 680. */
    private static final double FILMSTRIP_SHARE_OF_HEIGHT = 0.13;
    private static final double MIN_FILMSTRIP_HEIGHT = 72;
    private boolean disposed;

    public MeetingScreen(UiText text, MeetingCommands commands, MeetingViewModel.Invite invite, OwnMediaState initial) {
        this(text, new MeetingViewModel(commands, invite, initial));
    }

    public MeetingScreen(UiText text, MeetingViewModel model) {
        this.text = text;
        this.model = model;
        this.grid = new VideoGrid(text, model);
        this.header = new MeetingHeader(text, model, grid);
        this.toolbar = new MeetingToolbar(text, model, this::leave);
        toolbar.addControls(HandAndReactionControls.handAndReactions(text, model));
        view.setId("meeting");
        view.getStyleClass().add("meeting");
        view.setTop(header);
        view.setCenter(grid);
        view.setRight(buildSidePanel(new ParticipantList(text, model)));
        view.setBottom(new VBox(new UnmutePrompt(text, model.moderation()), toolbar));
        // On a laptop-height window the filmstrip gives up some height to the share or speaker above it.
        grid.filmstripHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.clamp(
                view.getHeight() * FILMSTRIP_SHARE_OF_HEIGHT, MIN_FILMSTRIP_HEIGHT, VideoGrid.FILMSTRIP_HEIGHT),
                view.heightProperty()));
        clock = new Timeline(new KeyFrame(Duration.seconds(1),
                e -> model.showElapsed((System.nanoTime() - startedNanos) / 1_000_000_000L)));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        view.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                for (KeyboardMap.Shortcut shortcut : KeyboardMap.Shortcut.values()) {
                    old.getAccelerators().remove(shortcut.keys());
                }
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
        model.leave();
    }

    public boolean isDisposed() {
        return disposed;
    }

    public MeetingViewModel model() {
        return model;
    }

    /** Puts the camera's Effects menu (background effects, noise suppression) next to the camera button. */
    public void addEffectsMenu(javafx.scene.control.MenuButton menu) {
        menu.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        menu.getStyleClass().add("control-button");
        menu.setPopupSide(javafx.geometry.Side.TOP); // the bar is at the window's bottom edge
        toolbar.addAfterCamera(menu);
    }

    // ---- fed by the session (FX thread): see MeetingViewModel ------------------------------------------

    public void showRoster(Roster now) {
        model.showRoster(now);
    }

    public void showState(SessionState state) {
        model.showState(state);
    }

    public void muteRequested(Attendee host) {
        model.muteRequested(host);
    }

    @Override
    public void showListenOnly() {
        model.showListenOnly();
    }

    public boolean isListenOnly() {
        return model.listenOnlyProperty().get();
    }

    public void requestFailed(Refusal refusal) {
        model.requestFailed(refusal);
    }

    /** Shows a dismissable notice at the top (e.g. a refused share). FX thread. */
    public void notice(UiMessage message, String id) {
        model.notice(message, id);
    }

    /** A dismissable line under the header; returns it for removal (a toast that timed out). FX thread. */
    public MeetingViewModel.Notice showNotice(UiMessage message, String id) {
        return model.notice(message, id);
    }

    public void removeNotice(MeetingViewModel.Notice notice) {
        model.dismiss(notice);
    }

    // ---- hooks for screen sharing (see ShareBinding) ---------------------------------------------------

    /** The Share button in the controls bar (also Alt+S); shown while the model offers sharing. */
    public Button shareButton() {
        return toolbar.shareButton();
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

    public void showSharePolicy(boolean multipleSharersAllowed) {
        model.showSharePolicy(multipleSharersAllowed);
    }

    /** Back to the video grid. FX thread. */
    public void showGridInCenter() {
        grid.filmstripProperty().set(false);
        view.setCenter(grid);
    }

    /** A bar across the top of the screen (the sharer's "You are sharing" banner), or null to remove it. */
    public void setBanner(Parent banner) {
        header.setBanner(banner);
    }

    // ---- MeetingControls ------------------------------------------------------------------------------

    @Override
    public BooleanProperty mutedProperty() {
        return model.mutedProperty();
    }

    @Override
    public BooleanProperty cameraOnProperty() {
        return model.cameraOnProperty();
    }

    @Override
    public VideoView selfView() {
        Roster r = model.rosterProperty().get();
        return r == null ? null : grid.videoViewFor(r.selfId());
    }

    @Override
    public VideoView videoViewFor(int participantId) {
        return grid.videoViewFor(participantId);
    }

    @Override
    public Optional<ParticipantTile> tile(int participantId) {
        return grid.tile(participantId);
    }

    /** Highlights a speaker; in speaker view the latest becomes the big tile. */
    @Override
    public void setSpeaking(int participantId, boolean speaking) {
        grid.setSpeaking(participantId, speaking);
    }

    @Override
    public TabPane sidePanel() {
        return side;
    }

    /** Adds badges (e.g. the recording indicator) to the header, after the elapsed time. */
    public void addHeaderItem(Node item) {
        header.addItem(item);
    }

    /** Adds buttons to the controls bar, before the spacer that pushes Leave to the right. */
    public void addControls(Node... items) {
        toolbar.addControls(items);
    }

    /** A banner that stays until {@link #removeBanner} (e.g. a prompt with its own buttons). */
    public void addBanner(Node banner) {
        header.addPrompt(banner);
    }

    public void removeBanner(Node banner) {
        header.removePrompt(banner);
    }

    public VideoGrid grid() {
        return grid;
    }

    public BooleanProperty panelShownProperty() {
        return model.panelShownProperty();
    }

    // ---- building -------------------------------------------------------------------------------------

    private TabPane buildSidePanel(ParticipantList participants) {
        Tab participantsTab = new Tab();
        participantsTab.setId("participantsTab");
        participantsTab.setClosable(false);
        participantsTab.setContent(participants);
        participantsTab.textProperty().bind(text.bind(model.participantCountProperty()));
        side.getTabs().add(participantsTab);
        side.setId("sidePanel");
        side.accessibleTextProperty().bind(text.bind("meeting.sidePanelName"));
        side.getStyleClass().add("side-panel");
        side.setPrefWidth(290);
        side.setMinWidth(240);
        side.visibleProperty().bind(model.panelShownProperty());
        side.managedProperty().bind(model.panelShownProperty());
        return side;
    }

    /** The documented keyboard map ({@link KeyboardMap}): each shortcut presses its control, if shown and enabled. */
    private void installShortcuts(Scene scene) {
        for (KeyboardMap.Shortcut shortcut : KeyboardMap.Shortcut.values()) {
            scene.getAccelerators().put(shortcut.keys(), switch (shortcut) {
                case MUTE -> model::toggleMute;
                case VIDEO -> model::toggleCamera;
                default -> () -> press(shortcut.controlId());
            });
        }
    }

    private void press(String controlId) {
        if (view.lookup("#" + controlId) instanceof javafx.scene.control.ButtonBase control
                && control.isVisible() && !control.isDisabled()) {
            control.fire();
        }
    }

    /** The host chooses between leaving (the meeting goes on) and ending it for everyone. */
    private void leave() {
        if (!model.endForAllAvailableProperty().get()) {
            model.leave();
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
                model.leave();
            } else if (result == endAll) {
                model.endForAll();
            }
        });
        choice.show();
    }
}
