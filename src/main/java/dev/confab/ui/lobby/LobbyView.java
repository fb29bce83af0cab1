package dev.confab.ui.lobby;

import dev.confab.ui.common.Browser;
import dev.confab.ui.common.Forms;
import dev.confab.ui.common.PolicyLock;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.lobby.LobbyViewModel.ServerOption;
import dev.confab.ui.settings.SettingsAccess;

import atlantafx.base.theme.Styles;
import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.ServerAddress;
import dev.confab.privacy.PermissionGate;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Region;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The lobby: who you are, which server and meeting, and a check of camera and microphone before joining.
 * The form is on the left, the self-view, level meter and device pickers on the right. The form's state and
 * rules are in {@link LobbyViewModel}; this class builds the nodes and binds them to it.
 */
public final class LobbyView implements Screen {

    private final UiText text;
    private final LobbyServices services;
    private final LobbyViewModel model;

    private final TextField name = new TextField();
    private final ComboBox<ServerOption> serverPicker = new ComboBox<>();
    private final TextField serverAddress = new TextField();
    private final TextField meetingId = new TextField();
    private final PasswordField passcode = new PasswordField();
    private final Button newMeeting = new Button();
    private final NewMeetingOptions newMeetingOptions;
    private final Button join = new Button();
    private final Button cancel = new Button();

    private final DeviceCheckPanel devices;
    /** "Upcoming meetings", where the meeting layer offers scheduling; else null. */
    private UpcomingMeetingsPanel upcoming;
    /** The open "Join meeting …?" question, replaced when another link arrives. */
    private javafx.scene.control.Alert linkPrompt;
    private final Parent view;

    /** @param config the policy merged with the user's current settings (decides the server choice) */
    public LobbyView(LobbyServices services, EffectiveConfig config) {
        this.text = services.text();
        this.newMeetingOptions = new NewMeetingOptions(text);
        this.services = services;
        this.model = new LobbyViewModel(services.settings(), config);
        this.devices = new DeviceCheckPanel(text, services.settings(), services.capture(), services.speakers(),
                services.permissions(), new EffectsChooser(text, services.settings(), services.effects(),
                        EffectsChooser.FILE_CHOOSER));
        this.view = build();
        Platform.runLater(() -> (name.getText().isBlank() ? name : meetingId).requestFocus());
        if (services.actions().takeDemoRequest()) {
            devices.whenListed(this::startDemo); // --demo: with the camera and microphone the lobby found
        }
    }

    @Override
    public String name() {
        return "lobby";
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void dispose() {
        closeLinkPrompt();
        devices.dispose();
        if (upcoming != null) {
            upcoming.dispose();
        }
    }

    private Parent build() {
        VBox deviceCheck = devices.view();
        deviceCheck.setMaxHeight(Region.USE_PREF_SIZE); // as tall as its content, top-aligned
        // The left column fills the height, so "Upcoming meetings" gets what the form leaves and scrolls within it.
        HBox root = new HBox(24, withUpcoming(buildForm()), deviceCheck);
        root.getStyleClass().add("lobby");
        root.setId("lobby");
        return root;
    }

    /** The form, with "Upcoming meetings" below it where scheduling is offered. */
    private Parent withUpcoming(VBox form) {
        Scheduling scheduling = services.actions().scheduling();
        if (scheduling == null) {
            form.setMaxHeight(Region.USE_PREF_SIZE);
            return form;
        }
        upcoming = new UpcomingMeetingsPanel(text, scheduling, java.time.Clock.systemDefaultZone(),
                () -> model.serverAddress().textProperty().get(), this::startForm, context);
        VBox column = new VBox(16, form, upcoming.view());
        HBox.setHgrow(column, Priority.SOMETIMES);
        return column;
    }

    /** The lobby's name and devices for starting a scheduled meeting; the name must be filled in first. */
    private LobbyForm startForm(dev.confab.meeting.schedule.PlannedMeeting meeting) {
        return withDevices(name.getText().strip(), new ServerChoice.Remote(meeting.server()), meeting.meetingId(),
                meeting.plan().passcode() == null ? "" : meeting.plan().passcode());
    }

    private VBox buildForm() {
        Label title = new Label();
        title.textProperty().bind(text.bind("lobby.title"));
        title.getStyleClass().add(Styles.TITLE_3);

        name.setId("displayName");
        name.promptTextProperty().bind(text.bind("lobby.displayName.prompt"));
        name.textProperty().bindBidirectional(model.displayName().textProperty());

        serverPicker.setId("serverPicker");
        serverPicker.getItems().setAll(model.serverOptions());
        serverPicker.setMaxWidth(Double.MAX_VALUE);
        serverPicker.setCellFactory(list -> new ServerCell());
        serverPicker.setButtonCell(new ServerCell());
        serverPicker.valueProperty().bindBidirectional(model.serverOption());
        serverAddress.setId("serverAddress");
        serverAddress.promptTextProperty().bind(text.bind("lobby.serverAddress.prompt"));
        serverAddress.textProperty().bindBidirectional(model.serverAddress().textProperty());
        serverAddress.visibleProperty().bind(model.serverAddressShown());
        serverAddress.managedProperty().bind(serverAddress.visibleProperty());
        VBox serverControls = model.serverLocked() ? lockedServer() : new VBox(6, serverPicker, serverAddress);
        if (model.showsHostingHint()) {
            serverControls.getChildren().add(policyHint("hostingNotAllowed", "lobby.server.hostingNotAllowed", true));
        }
        VBox serverBox = Forms.labelled(text, "lobby.server", serverControls, model.serverAddress().errorProperty(),
                "serverAddress");

        meetingId.setId("meetingId");
        meetingId.setTextFormatter(MeetingIds.formatter());
        meetingId.setPromptText(MeetingIds.group("0".repeat(LobbyValidation.MEETING_ID_DIGITS)).replace('0', '•'));
        meetingId.textProperty().bindBidirectional(model.meetingId().textProperty());
        passcode.setId("passcode");
        passcode.promptTextProperty().bind(text.bind("lobby.passcode.prompt"));
        passcode.textProperty().bindBidirectional(model.passcode().textProperty());

        newMeetingOptions.button().disableProperty().bind(model.actionsDisabled());
        // Hidden while connecting, so that Cancel and the buttons keep their room.
        newMeetingOptions.button().visibleProperty().bind(model.busy().not());
        newMeetingOptions.button().managedProperty().bind(newMeetingOptions.button().visibleProperty());
        newMeeting.setId("newMeeting");
        newMeeting.textProperty().bind(text.bind("lobby.newMeeting"));
        newMeeting.setOnAction(e -> submit(false));
        join.setId("join");
        join.textProperty().bind(text.bind("lobby.join"));
        join.getStyleClass().add(Styles.ACCENT);
        join.setDefaultButton(true); // Enter in any field submits Join
        join.setOnAction(e -> submit(true));
        newMeeting.disableProperty().bind(model.actionsDisabled());
        join.disableProperty().bind(model.actionsDisabled());
        cancel.setId("cancelConnecting");
        cancel.textProperty().bind(text.bind("meeting.cancel"));
        cancel.visibleProperty().bind(model.cancelShown());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("connectingSpinner");
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busy());
        spinner.managedProperty().bind(model.busy());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // Below the buttons, so it comes after Join in reading (Tab) order.
        Hyperlink demo = new Hyperlink();
        demo.setId("tryDemo");
        demo.textProperty().bind(text.bind("lobby.tryDemo"));
        demo.disableProperty().bind(model.actionsDisabled());
        demo.setOnAction(e -> startDemo());
        // Offered even where hosting is forbidden: the demo's server listens on loopback only (policy.schema.md).
        HBox buttons = new HBox(12, spinner, cancel, gap, newMeetingOptions.button(), newMeeting, join);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox form = new VBox(14, title,
                Forms.labelled(text, "lobby.displayName", name, model.displayName().errorProperty(), "displayName"),
                serverBox,
                meetingAndPasscode(), buttons, statusLine(), demo);
        form.getStyleClass().addAll("card", "lobby-form");
        form.setPrefWidth(400);
        form.setMinWidth(340);
        HBox.setHgrow(form, Priority.SOMETIMES);
        return form;
    }

    /** Meeting ID and passcode side by side: they belong together, and the lobby keeps room for the schedule. */
    private HBox meetingAndPasscode() {
        VBox id = Forms.labelled(text, "lobby.meetingId", meetingId, model.meetingId().errorProperty(), "meetingId");
        VBox code = Forms.labelled(text, "lobby.passcode", passcode, model.passcode().errorProperty(), "passcode");
        HBox.setHgrow(id, Priority.ALWAYS);
        HBox.setHgrow(code, Priority.ALWAYS);
        // Equal halves of the form's width, whatever the labels' lengths (an error under one wraps within its half).
        id.setPrefWidth(190);
        code.setPrefWidth(190);
        HBox pair = new HBox(12, id, code);
        pair.setFillHeight(false);
        return pair;
    }

    private Label statusLine() {
        Label statusLine = new Label();
        statusLine.setId("lobbyStatus");
        statusLine.setWrapText(true);
        statusLine.textProperty().bind(text.bind(model.status()));
        statusLine.visibleProperty().bind(model.status().isNotNull());
        statusLine.managedProperty().bind(statusLine.visibleProperty());
        model.statusIsError().addListener((obs, old, isError) -> {
            statusLine.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            statusLine.getStyleClass().add(isError ? Styles.DANGER : Styles.ACCENT);
        });
        statusLine.getStyleClass().add(model.statusIsError().get() ? Styles.DANGER : Styles.ACCENT);
        return statusLine;
    }

    /**
     * The enforced server, read-only with a padlock; the picker and address field stay out of the window (they
     * still carry the value for {@link LobbyViewModel#submit}).
     */
    private VBox lockedServer() {
        ServerAddress server = model.configuredServer();
        TextField shown = new TextField();
        shown.setId("lockedServer");
        if (server instanceof ServerAddress.Remote) {
            shown.setText(server.text());
        } else {
            shown.textProperty().bind(text.bind("lobby.server.thisComputer"));
        }
        return new VBox(6, PolicyLock.wrap(text, shown, true, "serverLock"), policyHint("serverLockedHint", "policy.locked", false));
    }

    private Label policyHint(String id, String key, boolean withPadlock) {
        Label hint = new Label();
        hint.setId(id);
        if (withPadlock) {
            hint.setGraphic(PolicyLock.icon(text, id + "Lock"));
        }
        hint.textProperty().bind(text.bind(key));
        hint.setWrapText(true);
        hint.getStyleClass().add("policy-hint");
        return hint;
    }

    /**
     * A meeting link was opened: fills in its server, meeting ID and passcode, then asks before joining.
     * Never joins on its own: links come from web pages and messages. FX thread.
     *
     * @param server where the link's meeting is, already checked against the policy ({@link EffectiveConfig#serverFor})
     * @return the question, for tests
     */
    public javafx.scene.control.Alert offerLink(DeepLink link, ServerAddress server) {
        model.offerLink(link, server);
        String where = server instanceof ServerAddress.Remote ? server.text() : text.get("lobby.server.thisComputer");
        closeLinkPrompt();
        linkPrompt = JoinLinkPrompt.ask(view, text, MeetingIds.group(link.meetingId()), where, () -> {
            if (!model.busy().get()) { // the same rule as the disabled Join button while a connection attempt runs
                submit(true);
            }
        });
        return linkPrompt;
    }

    private void closeLinkPrompt() {
        if (linkPrompt != null && linkPrompt.isShowing()) {
            linkPrompt.close();
        }
        linkPrompt = null;
    }

    /** A meeting link that cannot be used: says why under the buttons. FX thread. */
    public void refuseLink(DeepLink.InvalidDeepLinkException reason) {
        model.refuseLink(reason);
    }

    /** Puts back what the user had entered before a meeting, and says why the meeting ended. FX thread. */
    public void restore(LobbyForm previous, UiMessage message, boolean isError) {
        model.restore(previous, message, isError);
    }

    /** Validates every field, points at the first problem, and hands a valid form to the meeting layer. */
    private void submit(boolean joining) {
        switch (model.submit(joining)) {
            case LobbyViewModel.Submission.Invalid invalid -> input(invalid.first()).requestFocus();
            case LobbyViewModel.Submission.Refused refused -> {
            }
            case LobbyViewModel.Submission.Ready ready -> {
                LobbyForm form = withDevices(ready.displayName(), ready.server(), ready.meetingId(), ready.passcode());
                if (joining) {
                    services.actions().join(form, context);
                } else {
                    services.actions().newMeeting(form, context);
                }
            }
        }
    }

    private TextInputControl input(LobbyViewModel.Field field) {
        return switch (field) {
            case NAME -> name;
            case SERVER -> serverAddress;
            case MEETING_ID -> meetingId;
            case PASSCODE -> passcode;
        };
    }

    /** A meeting on this computer with synthetic participants; the name field may still be empty. */
    private void startDemo() {
        services.actions().demoMeeting(withDevices(model.demoName(text.get("demo.defaultName")),
                new ServerChoice.ThisComputer(), "", ""), context);
    }

    private LobbyForm withDevices(String displayName, ServerChoice server, String meetingDigits, String code) {
        return new LobbyForm(displayName, server, meetingDigits, code, devices.camera(), devices.cameraOn(),
                devices.microphone(), devices.micOn(), devices.speaker());
    }

    private final LobbyContext context = new LobbyContext() {
        @Override
        public void showInfo(String key, Object... args) {
            onFx(() -> model.showInfo(UiMessage.of(key, args)));
        }

        @Override
        public void showError(String key, Object... args) {
            onFx(() -> model.showError(UiMessage.of(key, args)));
        }

        @Override
        public void setBusy(boolean value) {
            onFx(() -> model.setBusy(value));
        }

        @Override
        public void setCancel(Runnable action) {
            onFx(() -> model.setCancel(action));
        }

        @Override
        public NewMeetingOptions.Choice newMeetingOptions() {
            return newMeetingOptions.choice();
        }

        @Override
        public javafx.stage.Window window() {
            return view.getScene() != null ? view.getScene().getWindow() : null;
        }

        @Override
        public Navigator navigator() {
            return services.navigator();
        }

        @Override
        public UiText text() {
            return text;
        }

        @Override
        public SettingsAccess settings() {
            return services.settings();
        }

        @Override
        public Browser browser() {
            return services.browser();
        }

        @Override
        public PermissionGate permissions() {
            return services.permissions();
        }

        @Override
        public EffectiveConfig policy() {
            return services.policy();
        }

        @Override
        public dev.confab.media.effects.CameraEffects effects() {
            return services.effects();
        }
    };

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    private final class ServerCell extends ListCell<ServerOption> {
        @Override
        protected void updateItem(ServerOption item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
            } else {
                textProperty().bind(text.bind(item == ServerOption.THIS_COMPUTER ? "lobby.server.thisComputer" : "lobby.server.other"));
            }
        }
    }
}
