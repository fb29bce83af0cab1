package dev.confab.ui.recording;

import atlantafx.base.theme.Styles;
import dev.confab.recording.RecordingFolderCheck;
import dev.confab.storage.Settings;
import dev.confab.ui.common.FolderChooser;
import dev.confab.ui.settings.SettingsAccess;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.Buttons;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Settings → Recordings folder: where new recordings are saved, Change… (a folder dialog) and Reset to default.
 * A chosen folder is checked off the FX thread before it is stored ({@link RecordingFolderCheck}); a folder
 * that cannot take recordings is refused with the reason, and the previous one stays.
 */
public final class RecordingsFolderSetting {
    private final UiText text;
    private final SettingsAccess settings;
    private final Function<Settings, Path> folderFor;
    private final FolderChooser chooser;
    private final Executor io;
    private final VBox view;
    private final Label path = new Label();
    private final Label isDefault = new Label();
    private final Button reset;
    private final ObjectProperty<UiMessage> problem = new SimpleObjectProperty<>();

    /**
     * @param folderFor the folder recordings go to under some settings (the default when none is chosen)
     * @param io        runs the disk check
     */
    public RecordingsFolderSetting(UiText text, SettingsAccess settings, Function<Settings, Path> folderFor,
                                   FolderChooser chooser, Executor io) {
        this.text = text;
        this.settings = settings;
        this.folderFor = folderFor;
        this.chooser = chooser;
        this.io = io;

        Label title = new Label();
        title.textProperty().bind(text.bind("settings.recordingsFolder"));
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        path.setId("recordingsFolderPath");
        path.getStyleClass().add("data-folders");
        path.setWrapText(true);
        isDefault.setId("recordingsFolderDefault");
        isDefault.textProperty().bind(text.bind("settings.recordingsFolder.default"));
        isDefault.getStyleClass().add(Styles.TEXT_MUTED);
        HBox where = new HBox(8, path, isDefault);
        where.setAlignment(Pos.BASELINE_LEFT);

        Button change = Buttons.of(text, "changeRecordingsFolder", "settings.recordingsFolder.change", this::choose);
        reset = Buttons.of(text, "resetRecordingsFolder", "settings.recordingsFolder.reset", this::resetToDefault);
        reset.getStyleClass().add(Styles.FLAT);

        Label error = new Label();
        error.setId("recordingsFolderError");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(text.bind(problem));
        error.visibleProperty().bind(problem.isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label hint = new Label();
        hint.setWrapText(true);
        hint.textProperty().bind(text.bind("settings.recordingsFolder.hint"));

        view = new VBox(8, title, hint, where, new HBox(10, change, reset), error);
        view.setId("recordingsFolderSetting");
        showCurrent();
        checkInBackground(folderFor.apply(settings.current()), false);
    }

    public VBox view() {
        return view;
    }

    private void showCurrent() {
        Settings now = settings.current();
        boolean chosen = RecordingFolderCheck.parse(now.recordingsFolder()).isPresent();
        path.setText(folderFor.apply(now).toString());
        isDefault.setVisible(!chosen);
        isDefault.setManaged(!chosen);
        reset.setDisable(!chosen);
    }

    private void resetToDefault() {
        problem.set(null);
        settings.update(s -> s.withRecordingsFolder(null));
        showCurrent();
    }

    private void choose() {
        Window owner = view.getScene() == null ? null : view.getScene().getWindow();
        Optional<Path> picked = chooser.choose(owner, text.get("settings.recordingsFolder.chooserTitle"),
                folderFor.apply(settings.current()));
        picked.ifPresent(folder -> checkInBackground(folder.toAbsolutePath().normalize(), true));
    }

    /** Checks {@code folder} on the io thread; a usable new choice is then stored, a problem shown. */
    private void checkInBackground(Path folder, boolean store) {
        io.execute(() -> {
            Optional<RecordingFolderCheck.Problem> found = RecordingFolderCheck.check(folder);
            Platform.runLater(() -> {
                problem.set(found.map(p -> UiMessage.of("settings.recordingsFolder.error."
                        + p.name().toLowerCase(Locale.ROOT), folder.toString())).orElse(null));
                if (store && found.isEmpty()) {
                    settings.update(s -> s.withRecordingsFolder(folder.toString()));
                    showCurrent();
                }
            });
        });
    }
}
