package dev.confab.ui.lobby;

import dev.confab.ui.common.Forms;
import dev.confab.ui.common.PolicyLock;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;

import atlantafx.base.theme.Styles;
import dev.confab.media.CaptureFactory;
import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ServerAddress;
import dev.confab.storage.Settings;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Region;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Supplier;

/**
 * The lobby: who you are, which server and meeting, and a check of camera and microphone before joining.
 * The form is on the left, the self-view, level meter and device pickers on the right.
 *
 * <p>The administrator's policy shapes the server choice: an enforced {@code serverUrl} is shown disabled with a
 * padlock and always used; without {@code allowThisComputerHosting} "This computer" is not offered.
 */
public final class LobbyView implements Screen {

    /** Entries of the server picker. */
    public enum ServerOption { THIS_COMPUTER, OTHER }

    private final UiText text;
    private final SettingsAccess settings;
    private final LobbyActions actions;
    private final Navigator navigator;
    private final EffectiveConfig config;
    private final boolean serverLocked;
    private final boolean hostingAllowed;

    private final TextField name = new TextField();
    private final ComboBox<ServerOption> serverPicker = new ComboBox<>();
    private final TextField serverAddress = new TextField();
    private final TextField meetingId = new TextField();
    private final PasswordField passcode = new PasswordField();
    private final Forms.CheckedField nameField = new Forms.CheckedField(name, LobbyValidation::displayName);
    private final Forms.CheckedField serverField = new Forms.CheckedField(serverAddress, LobbyValidation::serverAddress);
    private final Forms.CheckedField meetingField = new Forms.CheckedField(meetingId, LobbyValidation::meetingId);
    private final Forms.CheckedField passcodeField = new Forms.CheckedField(passcode, LobbyValidation::passcode);
    private final Button newMeeting = new Button();
    private final Button join = new Button();
    private final Button cancel = new Button();
    private final ObjectProperty<Runnable> cancelAction = new SimpleObjectProperty<>();
    private final ObjectProperty<UiMessage> status = new SimpleObjectProperty<>();
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    private final DeviceCheckPanel devices;
    /** The open "Join meeting …?" question, replaced when another link arrives. */
    private javafx.scene.control.Alert linkPrompt;
    private final Parent view;

    /** @param config the policy merged with the user's current settings (decides the server choice) */
    public LobbyView(UiText text, SettingsAccess settings, CaptureFactory capture, Supplier<List<String>> speakers,
                     LobbyActions actions, Navigator navigator, EffectiveConfig config) {
        this.text = text;
        this.settings = settings;
        this.actions = actions;
        this.navigator = navigator;
        this.config = config;
        this.serverLocked = config.isLocked(PolicyKey.SERVER_URL);
        this.hostingAllowed = config.isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING);
        this.devices = new DeviceCheckPanel(text, settings, capture, speakers, navigator.permissions());
        this.view = build();
        restore(settings.current());
        if (actions.takeDemoRequest()) {
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
    }

    private Parent build() {
        HBox root = new HBox(24, buildForm(), devices.view());
        root.setFillHeight(false); // cards as tall as their content, top-aligned
        root.getStyleClass().add("lobby");
        root.setId("lobby");
        return root;
    }

    private VBox buildForm() {
        Label title = new Label();
        title.textProperty().bind(text.bind("lobby.title"));
        title.getStyleClass().add(Styles.TITLE_3);

        name.setId("displayName");
        name.promptTextProperty().bind(text.bind("lobby.displayName.prompt"));

        serverPicker.setId("serverPicker");
        serverPicker.getItems().setAll(hostingAllowed ? List.of(ServerOption.values()) : List.of(ServerOption.OTHER));
        serverPicker.setMaxWidth(Double.MAX_VALUE);
        serverPicker.setCellFactory(list -> new ServerCell());
        serverPicker.setButtonCell(new ServerCell());
        serverAddress.setId("serverAddress");
        serverAddress.promptTextProperty().bind(text.bind("lobby.serverAddress.prompt"));
        serverAddress.visibleProperty().bind(serverPicker.valueProperty().isEqualTo(ServerOption.OTHER));
        serverAddress.managedProperty().bind(serverAddress.visibleProperty());
        serverPicker.valueProperty().addListener((obs, old, now) -> serverField.clearError());
        VBox serverControls = serverLocked ? lockedServer() : new VBox(6, serverPicker, serverAddress);
        if (!hostingAllowed && !serverLocked) {
            serverControls.getChildren().add(policyHint("hostingNotAllowed", "lobby.server.hostingNotAllowed", true));
        }
        VBox serverBox = Forms.labelled(text, "lobby.server", serverControls, serverField.error, "serverAddress");

        meetingId.setId("meetingId");
        meetingId.setTextFormatter(MeetingIds.formatter());
        meetingId.setPromptText(MeetingIds.group("0".repeat(LobbyValidation.MEETING_ID_DIGITS)).replace('0', '•'));
        passcode.setId("passcode");
        passcode.promptTextProperty().bind(text.bind("lobby.passcode.prompt"));

        newMeeting.setId("newMeeting");
        newMeeting.textProperty().bind(text.bind("lobby.newMeeting"));
        newMeeting.setOnAction(e -> submit(false));
        join.setId("join");
        join.textProperty().bind(text.bind("lobby.join"));
        join.getStyleClass().add(Styles.ACCENT);
        join.setDefaultButton(true); // Enter in any field submits Join
        join.setOnAction(e -> submit(true));
        newMeeting.disableProperty().bind(busy);
        join.disableProperty().bind(busy);
        cancel.setId("cancelConnecting");
        cancel.textProperty().bind(text.bind("meeting.cancel"));
        cancel.visibleProperty().bind(busy.and(cancelAction.isNotNull()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> {
            Runnable action = cancelAction.get();
            cancelAction.set(null);
            if (action != null) {
                action.run();
            }
        });
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("connectingSpinner");
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(busy);
        spinner.managedProperty().bind(busy);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // Below the buttons, so it comes after Join in reading (Tab) order.
        Hyperlink demo = new Hyperlink();
        demo.setId("tryDemo");
        demo.textProperty().bind(text.bind("lobby.tryDemo"));
        demo.disableProperty().bind(busy);
        demo.setOnAction(e -> startDemo());
        // The demo runs on the built-in server: not offered where the administrator forbids hosting here.
        demo.setVisible(hostingAllowed);
        demo.setManaged(hostingAllowed);
        HBox buttons = new HBox(12, spinner, cancel, gap, newMeeting, join);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label statusLine = new Label();
        statusLine.setId("lobbyStatus");
        statusLine.setWrapText(true);
        statusLine.textProperty().bind(text.bind(status));
        statusLine.visibleProperty().bind(status.isNotNull());
        statusLine.managedProperty().bind(statusLine.visibleProperty());
        statusIsError.addListener((obs, old, isError) -> {
            statusLine.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            statusLine.getStyleClass().add(isError ? Styles.DANGER : Styles.ACCENT);
        });
        statusLine.getStyleClass().add(Styles.ACCENT);

        VBox form = new VBox(14, title,
                Forms.labelled(text, "lobby.displayName", name, nameField.error, "displayName"),
                serverBox,
                Forms.labelled(text, "lobby.meetingId", meetingId, meetingField.error, "meetingId"),
                Forms.labelled(text, "lobby.passcode", passcode, passcodeField.error, "passcode"),
                buttons, statusLine, demo);
        form.getStyleClass().addAll("card", "lobby-form");
        form.setPrefWidth(400);
        form.setMinWidth(340);
        HBox.setHgrow(form, Priority.SOMETIMES);
        return form;
    }

    /**
     * The enforced server, read-only with a padlock; the picker and address field stay out of the window (they
     * still carry the value for {@link #submit}).
     */
    private VBox lockedServer() {
        ServerAddress server = config.server();
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

    private void restore(Settings s) {
        name.setText(s.displayName());
        // Enforced policy, else the user's last choice, else the policy's preset, else this computer.
        showServer(config.server());
        Platform.runLater(() -> (name.getText().isBlank() ? name : meetingId).requestFocus());
    }

    private void showServer(ServerAddress server) {
        if (server instanceof ServerAddress.Remote remote) {
            serverPicker.setValue(ServerOption.OTHER);
            serverAddress.setText(remote.text());
        } else if (hostingAllowed) {
            serverPicker.setValue(ServerOption.THIS_COMPUTER);
        } else {
            serverPicker.setValue(ServerOption.OTHER);
        }
    }

    /**
     * A meeting link was opened: fills in its server, meeting ID and passcode, then asks before joining.
     * Never joins on its own: links come from web pages and messages. FX thread.
     *
     * @param server where the link's meeting is, already checked against the policy ({@link EffectiveConfig#serverFor})
     * @return the question, for tests
     */
    public javafx.scene.control.Alert offerLink(DeepLink link, ServerAddress server) {
        if (!serverLocked) {
            showServer(server);
        }
        meetingId.setText(link.meetingId());
        passcode.setText(link.passcode().orElse(""));
        statusIsError.set(false);
        status.set(UiMessage.of("lobby.link.filled"));
        String where = server instanceof ServerAddress.Remote ? server.text() : text.get("lobby.server.thisComputer");
        closeLinkPrompt();
        linkPrompt = JoinLinkPrompt.ask(view, text, MeetingIds.group(link.meetingId()), where, () -> {
            if (!busy.get()) { // the same rule as the disabled Join button while a connection attempt runs
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
        statusIsError.set(true);
        status.set(UiMessage.of("lobby.link.refused", UiMessage.of(reason.messageKey(), reason.messageArgs())));
    }

    /** Puts back what the user had entered before a meeting, and says why the meeting ended. FX thread. */
    public void restore(LobbyForm previous, UiMessage message, boolean isError) {
        name.setText(previous.displayName());
        if (serverLocked) {
            showServer(config.server());
        } else if (previous.server() instanceof ServerChoice.Remote remote) {
            serverPicker.setValue(ServerOption.OTHER);
            serverAddress.setText(remote.uri().toString());
        } else {
            serverPicker.setValue(ServerOption.THIS_COMPUTER);
        }
        meetingId.setText(previous.meetingId());
        passcode.setText(previous.passcode());
        statusIsError.set(isError);
        status.set(message);
    }

    /** Validates every field, points at the first problem, and hands a valid form to the meeting layer. */
    private void submit(boolean joining) {
        status.set(null);
        boolean remote = serverPicker.getValue() == ServerOption.OTHER;
        List<Forms.CheckedField> checks = joining
                ? List.of(nameField, serverField, meetingField, passcodeField)
                : List.of(nameField, serverField, passcodeField);
        if (!joining) {
            meetingField.clearError();
        }
        Forms.CheckedField firstInvalid = null;
        for (Forms.CheckedField field : checks) {
            boolean ok = (field == serverField && !remote) ? clear(field) : field.validate();
            if (!ok && firstInvalid == null) {
                firstInvalid = field;
            }
        }
        if (firstInvalid != null) {
            firstInvalid.input.requestFocus();
            return;
        }
        if (!remote && !hostingAllowed) {
            statusIsError.set(true);
            status.set(UiMessage.of("lobby.server.hostingNotAllowed"));
            return;
        }
        String displayName = LobbyValidation.normalizedDisplayName(name.getText());
        ServerChoice server = serverLocked ? choiceOf(config.server())
                : remote ? new ServerChoice.Remote(LobbyValidation.parseServer(serverAddress.getText()))
                : new ServerChoice.ThisComputer();
        // An enforced server is not the user's choice: keep theirs for the day the policy goes away.
        String chosen = remote ? serverAddress.getText().strip() : ServerAddress.THIS_COMPUTER_NAME;
        settings.update(s -> s.withIdentity(displayName, serverLocked ? s.server() : chosen));
        LobbyForm form = new LobbyForm(displayName, server, joining ? MeetingIds.digitsOf(meetingId.getText()) : "",
                passcode.getText(), devices.camera(), devices.cameraOn(), devices.microphone(), devices.micOn(),
                devices.speaker());
        if (joining) {
            actions.join(form, context);
        } else {
            actions.newMeeting(form, context);
        }
    }

    private static ServerChoice choiceOf(ServerAddress server) {
        return server instanceof ServerAddress.Remote remote
                ? new ServerChoice.Remote(remote.uri())
                : new ServerChoice.ThisComputer();
    }

    /** A meeting on this computer with synthetic participants; the name field may still be empty. */
    private void startDemo() {
        String displayName = name.getText().isBlank() ? text.get("demo.defaultName") : name.getText().strip();
        actions.demoMeeting(new LobbyForm(displayName, new ServerChoice.ThisComputer(), "", "", devices.camera(),
                devices.cameraOn(), devices.microphone(), devices.micOn(), devices.speaker()), context);
    }

    private static boolean clear(Forms.CheckedField field) {
        field.clearError();
        return true;
    }

    private final LobbyContext context = new LobbyContext() {
        @Override
        public void showInfo(String key, Object... args) {
            onFx(() -> {
                statusIsError.set(false);
                status.set(UiMessage.of(key, args));
            });
        }

        @Override
        public void showError(String key, Object... args) {
            onFx(() -> {
                statusIsError.set(true);
                status.set(UiMessage.of(key, args));
            });
        }

        @Override
        public void setBusy(boolean value) {
            onFx(() -> {
                busy.set(value);
                if (!value) {
                    cancelAction.set(null);
                }
            });
        }

        @Override
        public void setCancel(Runnable action) {
            onFx(() -> cancelAction.set(action));
        }

        @Override
        public javafx.stage.Window window() {
            return view.getScene() != null ? view.getScene().getWindow() : null;
        }

        @Override
        public Navigator navigator() {
            return navigator;
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
