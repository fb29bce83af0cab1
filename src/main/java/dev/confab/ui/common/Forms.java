package dev.confab.ui.common;

import javafx.beans.binding.ObjectExpression;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Small helpers for labelled form fields with an error line (see {@link ValidatedText}). */
public final class Forms {
    private Forms() {
    }

    /** Label above the control, error line below it (hidden while there is no error). */
    public static VBox labelled(UiText text, String labelKey, Node control, ObjectExpression<UiMessage> error, String id) {
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
