package dev.confab.ui.lobby;

import dev.confab.ui.common.UiText;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** "Join meeting 123 456 7890 on server X?" after a meeting link filled in the lobby: Join or Not now. */
public final class JoinLinkPrompt {
    private JoinLinkPrompt() {
    }

    static Alert ask(Node owner, UiText text, String meetingId, String server, Runnable onJoin) {
        ButtonType join = new ButtonType(text.get("lobby.link.join"), ButtonBar.ButtonData.OK_DONE);
        ButtonType notNow = new ButtonType(text.get("lobby.link.notNow"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get("lobby.link.question", meetingId, server),
                join, notNow);
        alert.setHeaderText(null);
        alert.setTitle(text.get("app.title"));
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.getDialogPane().setId("joinLinkPrompt");
        alert.getDialogPane().lookupButton(join).setId("joinLinkYes");
        alert.getDialogPane().lookupButton(notNow).setId("joinLinkNotNow");
        alert.resultProperty().addListener((obs, old, result) -> {
            if (result == join) {
                onJoin.run();
            }
        });
        alert.show();
        return alert;
    }
}
