package dev.confab.ui.privacy;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The privacy center's buttons, labels and sections, each labelled in the window's language. */
final class PrivacyControls {
    private final UiText text;

    PrivacyControls(UiText text) {
        this.text = text;
    }

    /** A destructive button that asks on the first click ("Really delete?") and acts on the second. */
    Button twoStep(String id, String key, String confirmKey, Runnable action) {
        BooleanProperty armed = new SimpleBooleanProperty();
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(Bindings.createStringBinding(() -> text.get(armed.get() ? confirmKey : key),
                armed, text.localeProperty()));
        button.setOnAction(e -> {
            if (armed.get()) {
                armed.set(false);
                action.run();
            } else {
                armed.set(true);
            }
        });
        button.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                armed.set(false);
            }
        });
        return button;
    }

    Button button(String id, String key) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(text.bind(key));
        return b;
    }

    Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(text.bind(key));
        l.setWrapText(true);
        return l;
    }

    Label header(String key) {
        Label l = label(key);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    VBox section(String titleKey, Node... content) {
        Label title = label(titleKey);
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        VBox box = new VBox(10, title);
        box.getChildren().addAll(content);
        return box;
    }
}
