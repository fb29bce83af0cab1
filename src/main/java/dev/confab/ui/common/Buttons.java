package dev.confab.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;

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

    /**
     * A button showing only {@code icon}, where space is short; message {@code key} is its tooltip and what a
     * screen reader says.
     */
    public static Button icon(UiText text, String id, Ikon icon, String key, Runnable action) {
        Button button = iconOnly(new Button(), text, icon, key);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    /** Gives {@code button} (a toggle too) only {@code icon}, with message {@code key} as tooltip and spoken name. */
    public static <B extends ButtonBase> B iconOnly(B button, UiText text, Ikon icon, String key) {
        button.setGraphic(Icons.of(icon));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(key));
        button.setTooltip(tip);
        button.accessibleTextProperty().bind(text.bind(key));
        return button;
    }
}
