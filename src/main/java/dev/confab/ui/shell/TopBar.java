package dev.confab.ui.shell;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.LanguagePicker;
import dev.confab.ui.common.UiText;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.util.Locale;
import java.util.function.Consumer;

/** The app's name, the language picker, and the ways to Recordings and Settings. FX thread. */
final class TopBar {
    private final Button settingsButton = new Button(null, Icons.of(MaterialDesignC.COG));
    private final Button recordingsButton = new Button(null, Icons.of(MaterialDesignF.FILMSTRIP));
    private final HBox view;

    TopBar(UiText text, Consumer<Locale> onLanguage, boolean languageLocked, Runnable onSettings,
           Runnable onRecordings) {
        Label name = new Label(null, Icons.of(MaterialDesignA.ACCOUNT_MULTIPLE));
        name.textProperty().bind(text.bind("app.title"));
        name.getStyleClass().add("app-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Node language = LanguagePicker.create(text, "language", onLanguage, languageLocked);
        settingsButton.setId("settingsButton");
        settingsButton.textProperty().bind(text.bind("settings.title"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("settings.open"));
        settingsButton.setTooltip(tip);
        settingsButton.setOnAction(e -> onSettings.run());
        recordingsButton.setId("recordingsButton");
        recordingsButton.textProperty().bind(text.bind("recordings.open"));
        recordingsButton.setOnAction(e -> onRecordings.run());
        view = new HBox(12, name, spacer, language, recordingsButton, settingsButton);
        view.setAlignment(Pos.CENTER_LEFT);
        view.getStyleClass().add("top-bar");
        view.setId("topBar");
    }

    HBox view() {
        return view;
    }

    /** A screen that keeps the user where they are (a meeting) leaves no way out through the bar. */
    void keepUserOnScreen(boolean keep) {
        settingsButton.setDisable(keep);
        recordingsButton.setDisable(keep);
    }
}
