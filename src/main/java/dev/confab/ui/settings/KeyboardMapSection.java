package dev.confab.ui.settings;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.KeyboardMap;
import dev.confab.ui.common.UiText;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Settings → Keyboard shortcuts: what each meeting shortcut does, from {@link KeyboardMap}. */
final class KeyboardMapSection {

    private KeyboardMapSection() {
    }

    static VBox create(UiText text) {
        Label title = new Label();
        title.textProperty().bind(text.bind("settings.shortcuts"));
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        Label hint = new Label();
        hint.setWrapText(true);
        hint.textProperty().bind(text.bind("settings.shortcutsHint"));
        GridPane keys = new GridPane(24, 6);
        keys.setId("keyboardMap");
        int row = 0;
        for (KeyboardMap.Shortcut shortcut : KeyboardMap.Shortcut.values()) {
            Label combination = new Label(shortcut.keys().getDisplayText());
            combination.setId("shortcut-" + shortcut.name());
            combination.getStyleClass().add("shortcut-keys");
            Label action = new Label();
            action.textProperty().bind(text.bind(shortcut.textKey()));
            combination.setLabelFor(action);
            keys.addRow(row++, combination, action);
        }
        return new VBox(10, title, hint, keys);
    }
}
