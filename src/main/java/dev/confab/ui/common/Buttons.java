package dev.confab.ui.common;

import javafx.scene.control.Button;

/** Buttons whose label follows the UI language. */
public final class Buttons {
    private Buttons() {
    }

    /** A button with {@code id}, labelled by message {@code key}, running {@code action} when pressed. */
    public static Button of(UiText text, String id, String key, Runnable action) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(text.bind(key));
        button.setOnAction(e -> action.run());
        return button;
    }
}
