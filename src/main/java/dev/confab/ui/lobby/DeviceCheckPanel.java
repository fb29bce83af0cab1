package dev.confab.ui.lobby;

import dev.confab.ui.common.Forms;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.LevelMeter;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.confab.media.AudioLevel;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.privacy.Permission;
import dev.confab.privacy.PermissionGate;
import dev.confab.storage.Settings;
import dev.confab.ui.video.VideoView;
import javafx.beans.binding.Bindings;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lobby's device check: mirrored camera self-view, microphone level, device pickers and on/off
 * toggles, the camera's background effect ({@link EffectsChooser}: the preview shows it, as others will see it),
 * the noise suppression switch, and the speaker (sound output) with a test chime. Devices are listed and opened off the FX thread by
 * {@link LobbyMedia}; choices are remembered. A remembered speaker that is not connected now is not forgotten:
 * the system default is used (and the user told) until it is back.
 */
public final class DeviceCheckPanel {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceCheckPanel.class);

    /** An entry of the speaker picker: a sound output by name, or the system default (null). */
    record SpeakerChoice(String deviceName) {
        static final SpeakerChoice SYSTEM_DEFAULT = new SpeakerChoice(null);
    }

    private final UiText text;
    private final SettingsAccess settings;
    private final VideoView preview = new VideoView();
    private final AudioLevel micLevel = new AudioLevel();
    private final LevelMeter meter = new LevelMeter();
    private final ComboBox<CaptureDevice> cameraPicker = new ComboBox<>();
    private final ComboBox<CaptureDevice> micPicker = new ComboBox<>();
    private final ComboBox<SpeakerChoice> speakerPicker = new ComboBox<>();
    private final Button testSpeaker = new Button();
    private final BooleanProperty chimePlaying = new SimpleBooleanProperty();
    private final ObjectProperty<UiMessage> speakerNote = new SimpleObjectProperty<>();
    private final ToggleButton cameraToggle = new ToggleButton();
    private final ToggleButton micToggle = new ToggleButton();
    private final BooleanProperty devicesListed = new SimpleBooleanProperty();
    private final ObjectProperty<UiMessage> cameraProblem = new SimpleObjectProperty<>();
    private final ObjectProperty<UiMessage> micProblem = new SimpleObjectProperty<>();
    private final LobbyMedia media;
    private final PermissionGate permissions;
    private final EffectsChooser effects;
    private final ToggleSwitch noiseSuppression = new ToggleSwitch();
    private boolean disposed; // FX thread: the lobby closed while a permission answer was pending
    private final VBox view;

    DeviceCheckPanel(UiText text, SettingsAccess settings, CaptureFactory capture, Supplier<List<String>> speakers,
                     PermissionGate permissions, EffectsChooser effects) {
        this.text = text;
        this.settings = settings;
        this.permissions = permissions;
        this.effects = effects;
        this.media = new LobbyMedia(capture, speakers, preview, micLevel, this::showDeviceProblem);
        this.view = buildDevices();
        cameraToggle.setSelected(settings.current().cameraOn());
        micToggle.setSelected(settings.current().micOn());
        media.listDevices(this::devicesArrived);
        effects.applyRemembered();
    }

    VBox view() {
        return view;
    }

    /** Runs {@code action} (FX thread) once the devices are listed and chosen. */
    void whenListed(Runnable action) {
        if (devicesListed.get()) {
            action.run();
            return;
        }
        devicesListed.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (now) {
                    devicesListed.removeListener(this);
                    Platform.runLater(action); // after the pickers took their values
                }
            }
        });
    }

    /** Stops both captures (in the background). */
    void dispose() {
        disposed = true;
        effects.dispose();
        media.close();
    }

    CaptureDevice camera() {
        return cameraPicker.getValue();
    }

    boolean cameraOn() {
        return cameraToggle.isSelected();
    }

    CaptureDevice microphone() {
        return micPicker.getValue();
    }

    boolean micOn() {
        return micToggle.isSelected();
    }

    /** The chosen sound output's name, or null for the system default. */
    String speaker() {
        SpeakerChoice choice = speakerPicker.getValue();
        return choice == null ? null : choice.deviceName();
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

        var effectsMenu = effects.menuButton("effectsMenu", false,
                () -> view.getScene() == null ? null : view.getScene().getWindow());
        effectsMenu.disableProperty().bind(cameraPicker.disabledProperty());
        HBox cameraRow = new HBox(8, cameraToggle, cameraPicker, effectsMenu);
        cameraRow.setAlignment(Pos.CENTER_LEFT);
        HBox micRow = new HBox(8, micToggle, micPicker);
        micRow.setAlignment(Pos.CENTER_LEFT);
        VBox devices = new VBox(10, title, screen,
                Forms.labelled(text, "lobby.camera", cameraRow, null, "camera"), cameraNote,
                effects.problemLabel("effectsNote"),
                Forms.labelled(text, "lobby.mic", micRow, null, "mic"), meter, noiseSwitch(), micNote,
                Forms.labelled(text, "lobby.speaker", buildSpeakerRow(), null, "speaker"), speakerLine());
        devices.getStyleClass().addAll("card", "lobby-devices");
        devices.setPrefWidth(440);
        HBox.setHgrow(devices, Priority.ALWAYS);

        cameraToggle.selectedProperty().addListener((obs, old, on) -> cameraChanged());
        cameraPicker.valueProperty().addListener((obs, old, now) -> cameraChanged());
        micToggle.selectedProperty().addListener((obs, old, on) -> micChanged());
        micPicker.valueProperty().addListener((obs, old, now) -> micChanged());
        return devices;
    }

    /** Noise suppression: remembered here, used by the meeting's sound processing (the meter shows the raw microphone). */
    private ToggleSwitch noiseSwitch() {
        noiseSuppression.setId("noiseSuppression");
        noiseSuppression.textProperty().bind(text.bind("noise.suppression"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("noise.suppressionTip"));
        noiseSuppression.setTooltip(tip);
        noiseSuppression.accessibleHelpProperty().bind(text.bind("noise.suppressionTip"));
        noiseSuppression.setSelected(settings.current().noiseSuppression());
        noiseSuppression.selectedProperty().addListener((obs, old, on) -> settings.update(s -> s.withNoiseSuppression(on)));
        return noiseSuppression;
    }

    private HBox buildSpeakerRow() {
        speakerPicker.setId("speakerPicker");
        speakerPicker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(speakerPicker, Priority.ALWAYS);
        labelCells(speakerPicker, choice -> choice.deviceName() == null
                ? text.get("lobby.speaker.systemDefault") : choice.deviceName());
        speakerPicker.getItems().setAll(SpeakerChoice.SYSTEM_DEFAULT);
        speakerPicker.setValue(SpeakerChoice.SYSTEM_DEFAULT);
        speakerPicker.disableProperty().bind(devicesListed.not());
        speakerPicker.valueProperty().addListener((obs, old, now) -> speakerChosen(now));

        testSpeaker.setId("testSpeaker");
        testSpeaker.setGraphic(Icons.of(MaterialDesignV.VOLUME_HIGH));
        testSpeaker.textProperty().bind(text.bind("lobby.speaker.test"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("lobby.speaker.testTip"));
        testSpeaker.setTooltip(tip);
        testSpeaker.disableProperty().bind(devicesListed.not().or(chimePlaying));
        testSpeaker.setOnAction(e -> {
            chimePlaying.set(true);
            speakerNote.set(null);
            media.playChime(speaker(), failure -> {
                chimePlaying.set(false);
                if (failure != null) {
                    speakerNote.set(UiMessage.of("lobby.speaker.testFailed", failure));
                }
            });
        });
        HBox row = new HBox(8, speakerPicker, testSpeaker);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Label speakerLine() {
        Label note = new Label();
        note.setId("speakerNote");
        note.setWrapText(true);
        note.getStyleClass().add("device-note");
        note.textProperty().bind(text.bind(speakerNote));
        note.visibleProperty().bind(speakerNote.isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    private void setUpToggle(ToggleButton toggle, String id, Ikon onIcon, Ikon offIcon,
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
        labelCells(picker, device -> device.synthetic()
                ? text.get("lobby.device.syntheticName", device.displayName()) : device.displayName());
        picker.setDisable(true);
        // Shown while there is no value, i.e. when the list came back empty.
        picker.promptTextProperty().bind(Bindings.when(devicesListed).then(text.bind(emptyKey)).otherwise(""));
    }

    /** Shows each entry as {@code label} says, relabelled (e.g. "(synthetic)") when the language changes. */
    private <T> void labelCells(ComboBox<T> picker, Function<T, String> label) {
        picker.setCellFactory(list -> new LabelledCell<>(label));
        picker.setButtonCell(new LabelledCell<>(label));
        text.localeProperty().addListener((obs, old, now) -> {
            picker.setCellFactory(list -> new LabelledCell<>(label));
            picker.setButtonCell(new LabelledCell<>(label));
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

    private void devicesArrived(LobbyMedia.Devices devices) {
        Settings s = settings.current();
        fill(cameraPicker, devices.cameras(), s.cameraId());
        fill(micPicker, devices.microphones(), s.microphoneId());
        fillSpeakers(devices.speakers(), s.speaker());
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

    /** System default first. The remembered speaker is chosen again if connected; otherwise kept for later. */
    private void fillSpeakers(List<String> names, String remembered) {
        List<SpeakerChoice> choices = new ArrayList<>();
        choices.add(SpeakerChoice.SYSTEM_DEFAULT);
        names.forEach(name -> choices.add(new SpeakerChoice(name)));
        speakerPicker.getItems().setAll(choices);
        if (remembered == null || names.contains(remembered)) {
            speakerPicker.setValue(new SpeakerChoice(remembered));
        } else {
            LOG.info("The remembered speaker \"{}\" is not connected; using the system default", remembered);
            speakerPicker.setValue(SpeakerChoice.SYSTEM_DEFAULT);
            speakerNote.set(UiMessage.of("lobby.speaker.gone", remembered));
        }
    }

    /** Only the user's own picks are remembered, not the fallback while their speaker is unplugged. */
    private void speakerChosen(SpeakerChoice choice) {
        if (!devicesListed.get() || choice == null) {
            return;
        }
        speakerNote.set(null);
        settings.update(s -> s.withSpeaker(choice.deviceName()));
    }

    private void cameraChanged() {
        if (!devicesListed.get()) {
            return;
        }
        CaptureDevice device = cameraPicker.getValue();
        boolean on = cameraToggle.isSelected();
        cameraProblem.set(null);
        settings.update(s -> s.withCamera(device == null ? s.cameraId() : device.id(), on));
        whenAllowed(Permission.CAMERA, device, on, cameraToggle, cameraProblem, "lobby.camera.denied",
                allowed -> media.useCamera(device, allowed));
    }

    private void micChanged() {
        if (!devicesListed.get()) {
            return;
        }
        CaptureDevice device = micPicker.getValue();
        boolean on = micToggle.isSelected();
        micProblem.set(null);
        settings.update(s -> s.withMicrophone(device == null ? s.microphoneId() : device.id(), on));
        whenAllowed(Permission.MICROPHONE, device, on, micToggle, micProblem, "lobby.mic.denied",
                allowed -> media.useMicrophone(device, allowed));
    }

    /**
     * Opens a device only after the user allowed it (asked once, with the reason); denied turns the toggle off
     * and says why. Turning a device off needs no permission.
     */
    private void whenAllowed(Permission permission, CaptureDevice device, boolean on, ToggleButton toggle,
                             ObjectProperty<UiMessage> problem, String deniedKey, Consumer<Boolean> use) {
        if (!on || device == null) {
            use.accept(false);
            return;
        }
        permissions.ask(permission).whenComplete((granted, error) -> Platform.runLater(() -> {
            boolean allowed = Boolean.TRUE.equals(granted);
            if (disposed || !toggle.isSelected()) {
                return; // switched off meanwhile
            }
            if (allowed) {
                use.accept(true);
            } else {
                toggle.setSelected(false);
                problem.set(UiMessage.of(deniedKey));
            }
        }));
    }

    private void showDeviceProblem(LobbyMedia.Problem problem) {
        if (problem.kind() == CaptureDevice.Kind.CAMERA) {
            cameraProblem.set(UiMessage.of("lobby.camera.failed", problem.detail()));
        } else {
            micProblem.set(UiMessage.of("lobby.mic.failed", problem.detail()));
        }
    }

    private static final class LabelledCell<T> extends ListCell<T> {
        private final Function<T, String> label;

        LabelledCell(Function<T, String> label) {
            this.label = label;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : label.apply(item)); // no value: the prompt says "none found"
        }
    }
}
