package dev.confab.ui.recording;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Settings → "Encrypt new recordings": new recordings are then encrypted with a key kept through the OS keychain
 * and open only in Confab on this computer (the recordings list plays and exports them). Where no keychain exists
 * the switch is off and disabled, and says why. Asking the keychain can take a moment, so it runs on {@code io}.
 */
public final class EncryptRecordingsSetting {
    private final VBox view;

    public EncryptRecordingsSetting(UiText text, SettingsAccess settings, BooleanSupplier keychainAvailable, Executor io) {
        CheckBox encrypt = new CheckBox();
        encrypt.setId("encryptRecordings");
        encrypt.textProperty().bind(text.bind("settings.encryptRecordings"));
        encrypt.setSelected(Boolean.TRUE.equals(settings.current().encryptRecordings()));
        encrypt.setDisable(true);
        encrypt.selectedProperty().addListener((obs, old, now) -> settings.update(s -> s.withEncryptRecordings(now)));
        Label hint = new Label();
        hint.setWrapText(true);
        hint.textProperty().bind(text.bind("settings.encryptRecordings.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label unavailable = new Label();
        unavailable.setId("encryptRecordingsUnavailable");
        unavailable.setWrapText(true);
        unavailable.textProperty().bind(text.bind("settings.encryptRecordings.noKeychain"));
        unavailable.getStyleClass().add(Styles.WARNING);
        unavailable.setVisible(false);
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        view = new VBox(6, encrypt, hint, unavailable);
        view.setId("encryptRecordingsSetting");
        io.execute(() -> {
            boolean available = keychainAvailable.getAsBoolean();
            Platform.runLater(() -> {
                encrypt.setDisable(!available);
                unavailable.setVisible(!available);
                if (!available) {
                    encrypt.setSelected(false);
                }
            });
        });
    }

    public VBox view() {
        return view;
    }
}
