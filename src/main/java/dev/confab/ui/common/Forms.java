package dev.confab.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;

import java.util.Optional;
import java.util.function.Function;

/** Small helpers for labelled, validated form fields. */
public final class Forms {
    private Forms() {
    }

    /** A text input with a rule; once an error was shown, it re-checks on every edit so it clears when fixed. */
    public static final class CheckedField {
        public final TextInputControl input;
        public final ObjectProperty<UiMessage> error = new SimpleObjectProperty<>();
        private final Function<String, Optional<UiMessage>> rule;

        public CheckedField(TextInputControl input, Function<String, Optional<UiMessage>> rule) {
            this.input = input;
            this.rule = rule;
            input.textProperty().addListener((obs, old, now) -> {
                if (error.get() != null) {
                    validate();
                }
            });
        }

        public boolean validate() {
            error.set(rule.apply(input.getText()).orElse(null));
            return error.get() == null;
        }

        public void clearError() {
            error.set(null);
        }
    }

    /** Label above the control, error line below it (hidden while there is no error). */
    public static VBox labelled(UiText text, String labelKey, Node control, ObjectProperty<UiMessage> error, String id) {
        Label label = new Label();
        label.textProperty().bind(text.bind(labelKey));
        label.setLabelFor(control);
        label.getStyleClass().add("field-label");
        VBox box = new VBox(4, label, control);
        if (error != null) {
            Label errorLabel = new Label();
            errorLabel.setId(id + "Error");
            errorLabel.getStyleClass().add("field-error");
            errorLabel.setWrapText(true);
            errorLabel.textProperty().bind(text.bind(error));
            errorLabel.visibleProperty().bind(error.isNotNull());
            errorLabel.managedProperty().bind(errorLabel.visibleProperty());
            box.getChildren().add(errorLabel);
        }
        return box;
    }
}
