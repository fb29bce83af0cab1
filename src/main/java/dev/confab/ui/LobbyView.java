package dev.confab.ui;

import atlantafx.base.theme.Styles;
import dev.confab.media.AudioLevel;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.storage.Settings;
import dev.confab.ui.video.VideoView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import java.util.List;
import java.util.Optional;

/**
 * The lobby: who you are, which server and meeting, and a check of camera and microphone before joining.
 * The form is on the left, the self-view, level meter and device pickers on the right.
 */
public final class LobbyView implements Screen {

    /** Entries of the server picker. */
    enum ServerOption { THIS_COMPUTER, OTHER }

    private final UiText text;
    private final SettingsAccess settings;
    private final LobbyActions actions;
    private final Navigator navigator;

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
    private final ObjectProperty<UiMessage> status = new SimpleObjectProperty<>();
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    private final VideoView preview = new VideoView();
    private final AudioLevel micLevel = new AudioLevel();
    private final LevelMeter meter = new LevelMeter();
    private final ComboBox<CaptureDevice> cameraPicker = new ComboBox<>();
    private final ComboBox<CaptureDevice> micPicker = new ComboBox<>();
    private final ToggleButton cameraToggle = new ToggleButton();
    private final ToggleButton micToggle = new ToggleButton();
    private final BooleanProperty devicesListed = new SimpleBooleanProperty();
    private final ObjectProperty<UiMessage> cameraProblem = new SimpleObjectProperty<>();
    private final ObjectProperty<UiMessage> micProblem = new SimpleObjectProperty<>();
    private final LobbyMedia media;
    private final Parent view;

    public LobbyView(UiText text, SettingsAccess settings, CaptureFactory capture, LobbyActions actions, Navigator navigator) {
        this.text = text;
        this.settings = settings;
        this.actions = actions;
        this.navigator = navigator;
        this.media = new LobbyMedia(capture, preview, micLevel, this::showDeviceProblem);
        this.view = build();
        restore(settings.current());
        media.listDevices(this::devicesArrived);
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
        media.close();
    }

    private Parent build() {
        HBox root = new HBox(24, buildForm(), buildDevices());
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
        serverPicker.getItems().setAll(ServerOption.values());
        serverPicker.setMaxWidth(Double.MAX_VALUE);
        serverPicker.setCellFactory(list -> new ServerCell());
        serverPicker.setButtonCell(new ServerCell());
        serverAddress.setId("serverAddress");
        serverAddress.promptTextProperty().bind(text.bind("lobby.serverAddress.prompt"));
        serverAddress.visibleProperty().bind(serverPicker.valueProperty().isEqualTo(ServerOption.OTHER));
        serverAddress.managedProperty().bind(serverAddress.visibleProperty());
        serverPicker.valueProperty().addListener((obs, old, now) -> serverField.clearError());
        VBox serverBox = Forms.labelled(text, "lobby.server", new VBox(6, serverPicker, serverAddress), serverField.error, "serverAddress");

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
        HBox buttons = new HBox(12, newMeeting, join);
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
                buttons, statusLine);
        form.getStyleClass().addAll("card", "lobby-form");
        form.setPrefWidth(400);
        form.setMinWidth(340);
        HBox.setHgrow(form, Priority.SOMETIMES);
        return form;
    }

    private VBox buildDevices() {
        Label title = new Label();
        title.textProperty().bind(text.bind("lobby.devices.title"));
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");

        preview.setId("preview");
        preview.setMirrored(true);
        Label placeholder = new Label();
        placeholder.setId("previewPlaceholder");
        placeholder.getStyleClass().add("preview-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!devicesListed.get()) {
                return text.get("lobby.camera.looking");
            }
            if (cameraPicker.getItems().isEmpty()) {
                return text.get("lobby.camera.none");
            }
            return cameraToggle.isSelected() ? text.get("lobby.camera.starting") : text.get("lobby.camera.isOff");
        }, text.localeProperty(), devicesListed, cameraToggle.selectedProperty(), cameraPicker.itemsProperty()));
        placeholder.visibleProperty().bind(preview.showingPictureProperty().not());
        StackPane screen = new StackPane(preview, placeholder);
        screen.getStyleClass().add("preview-frame");
        screen.setPrefSize(400, 225);
        screen.setMinSize(320, 180);
        screen.setMaxWidth(Double.MAX_VALUE);

        setUpToggle(cameraToggle, "cameraToggle", MaterialDesignV.VIDEO, MaterialDesignV.VIDEO_OFF, "lobby.camera.turnOff", "lobby.camera.turnOn");
        setUpToggle(micToggle, "micToggle", MaterialDesignM.MICROPHONE, MaterialDesignM.MICROPHONE_OFF, "lobby.mic.turnOff", "lobby.mic.turnOn");
        setUpPicker(cameraPicker, "cameraPicker", "lobby.camera.none");
        setUpPicker(micPicker, "micPicker", "lobby.mic.none");
        cameraToggle.disableProperty().bind(cameraPicker.disabledProperty());
        micToggle.disableProperty().bind(micPicker.disabledProperty());

        meter.setId("micLevel");
        meter.setSource(micLevel);
        meter.setMaxWidth(Double.MAX_VALUE);

        Label cameraNote = deviceNote("cameraNote", cameraPicker, cameraProblem, "lobby.camera.synthetic");
        Label micNote = deviceNote("micNote", micPicker, micProblem, "lobby.mic.synthetic");

        HBox cameraRow = new HBox(8, cameraToggle, cameraPicker);
        cameraRow.setAlignment(Pos.CENTER_LEFT);
        HBox micRow = new HBox(8, micToggle, micPicker);
        micRow.setAlignment(Pos.CENTER_LEFT);
        VBox devices = new VBox(10, title, screen,
                Forms.labelled(text, "lobby.camera", cameraRow, null, "camera"), cameraNote,
                Forms.labelled(text, "lobby.mic", micRow, null, "mic"), meter, micNote);
        devices.getStyleClass().addAll("card", "lobby-devices");
        devices.setPrefWidth(440);
        HBox.setHgrow(devices, Priority.ALWAYS);

        cameraToggle.selectedProperty().addListener((obs, old, on) -> cameraChanged());
        cameraPicker.valueProperty().addListener((obs, old, now) -> cameraChanged());
        micToggle.selectedProperty().addListener((obs, old, on) -> micChanged());
        micPicker.valueProperty().addListener((obs, old, now) -> micChanged());
        return devices;
    }

    private void setUpToggle(ToggleButton toggle, String id, org.kordamp.ikonli.Ikon onIcon, org.kordamp.ikonli.Ikon offIcon,
                             String turnOffKey, String turnOnKey) {
        toggle.setId(id);
        toggle.getStyleClass().add(Styles.BUTTON_ICON);
        toggle.graphicProperty().bind(Bindings.when(toggle.selectedProperty()).then(Icons.of(onIcon)).otherwise(Icons.of(offIcon)));
        var hint = Bindings.when(toggle.selectedProperty()).then(text.bind(turnOffKey)).otherwise(text.bind(turnOnKey));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(hint);
        toggle.setTooltip(tip);
        toggle.accessibleTextProperty().bind(hint);
    }

    private void setUpPicker(ComboBox<CaptureDevice> picker, String id, String emptyKey) {
        picker.setId(id);
        picker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(picker, Priority.ALWAYS);
        picker.setCellFactory(list -> new DeviceCell());
        picker.setButtonCell(new DeviceCell());
        picker.setDisable(true);
        // Shown while there is no value, i.e. when the list came back empty.
        picker.promptTextProperty().bind(Bindings.when(devicesListed).then(text.bind(emptyKey)).otherwise(""));
        // Relabel "(synthetic)" and the empty text when the language changes.
        text.localeProperty().addListener((obs, old, now) -> {
            picker.setCellFactory(list -> new DeviceCell());
            picker.setButtonCell(new DeviceCell());
        });
    }

    /** A line under a picker: a device failure if there is one, else a hint that the device is synthetic. */
    private Label deviceNote(String id, ComboBox<CaptureDevice> picker, ObjectProperty<UiMessage> problem, String syntheticKey) {
        Label note = new Label();
        note.setId(id);
        note.setWrapText(true);
        note.getStyleClass().add("device-note");
        note.textProperty().bind(Bindings.createStringBinding(() -> {
            if (problem.get() != null) {
                return text.get(problem.get());
            }
            CaptureDevice d = picker.getValue();
            return d != null && d.synthetic() ? text.get(syntheticKey) : "";
        }, text.localeProperty(), problem, picker.valueProperty()));
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        problem.addListener((obs, old, now) -> {
            note.getStyleClass().remove(Styles.DANGER);
            if (now != null) {
                note.getStyleClass().add(Styles.DANGER);
            }
        });
        return note;
    }

    private void restore(Settings s) {
        name.setText(s.displayName());
        if (s.server() == null || s.server().isBlank()) {
            serverPicker.setValue(ServerOption.THIS_COMPUTER);
        } else {
            serverPicker.setValue(ServerOption.OTHER);
            serverAddress.setText(s.server());
        }
        cameraToggle.setSelected(s.cameraOn());
        micToggle.setSelected(s.micOn());
        Platform.runLater(() -> (name.getText().isBlank() ? name : meetingId).requestFocus());
    }

    private void devicesArrived(LobbyMedia.Devices devices) {
        Settings s = settings.current();
        fill(cameraPicker, devices.cameras(), s.cameraId());
        fill(micPicker, devices.microphones(), s.microphoneId());
        devicesListed.set(true);
        cameraChanged();
        micChanged();
    }

    private static void fill(ComboBox<CaptureDevice> picker, List<CaptureDevice> found, String rememberedId) {
        picker.getItems().setAll(found);
        picker.setDisable(found.isEmpty());
        Optional<CaptureDevice> remembered = found.stream().filter(d -> d.id().equals(rememberedId)).findFirst();
        picker.setValue(remembered.orElse(found.isEmpty() ? null : found.getFirst()));
    }

    private void cameraChanged() {
        if (!devicesListed.get()) {
            return;
        }
        CaptureDevice device = cameraPicker.getValue();
        boolean on = cameraToggle.isSelected();
        cameraProblem.set(null);
        media.useCamera(device, on);
        settings.update(s -> s.withCamera(device == null ? s.cameraId() : device.id(), on));
    }

    private void micChanged() {
        if (!devicesListed.get()) {
            return;
        }
        CaptureDevice device = micPicker.getValue();
        boolean on = micToggle.isSelected();
        micProblem.set(null);
        media.useMicrophone(device, on);
        settings.update(s -> s.withMicrophone(device == null ? s.microphoneId() : device.id(), on));
    }

    private void showDeviceProblem(LobbyMedia.Problem problem) {
        if (problem.kind() == CaptureDevice.Kind.CAMERA) {
            cameraProblem.set(UiMessage.of("lobby.camera.failed", problem.detail()));
        } else {
            micProblem.set(UiMessage.of("lobby.mic.failed", problem.detail()));
        }
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
        String displayName = name.getText().strip();
        ServerChoice server = remote
                ? new ServerChoice.Remote(LobbyValidation.parseServer(serverAddress.getText()))
                : new ServerChoice.ThisComputer();
        settings.update(s -> s.withIdentity(displayName, remote ? serverAddress.getText().strip() : null));
        LobbyForm form = new LobbyForm(displayName, server, joining ? MeetingIds.digitsOf(meetingId.getText()) : "",
                passcode.getText(), cameraPicker.getValue(), cameraToggle.isSelected(),
                micPicker.getValue(), micToggle.isSelected());
        if (joining) {
            actions.join(form, context);
        } else {
            actions.newMeeting(form, context);
        }
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
            onFx(() -> busy.set(value));
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

    private final class DeviceCell extends ListCell<CaptureDevice> {
        @Override
        protected void updateItem(CaptureDevice item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null); // the picker's prompt text says "none found"
            } else {
                setText(item.synthetic() ? text.get("lobby.device.syntheticName", item.displayName()) : item.displayName());
            }
        }
    }
}
