package dev.confab.ui.meeting;

import dev.confab.ui.common.UiText;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** Non-blocking confirmation dialogs for host actions that cannot be undone. */
final class Confirm {
    private Confirm() {
    }

    /** Asks "{@code questionKey}" with a {@code confirmKey} button and Cancel; runs {@code onYes} on confirm. */
    static Alert ask(Node owner, UiText text, String questionKey, String confirmKey, Runnable onYes, Object... args) {
        ButtonType yes = new ButtonType(text.get(confirmKey), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(text.get("meeting.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get(questionKey, args), yes, no);
        alert.setHeaderText(null);
        alert.setTitle(text.get("app.title"));
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.getDialogPane().lookupButton(yes).setId("confirmYes");
        alert.resultProperty().addListener((obs, old, result) -> {
            if (result == yes) {
                onYes.run();
            }
        });
        alert.show();
        return alert;
    }
}
