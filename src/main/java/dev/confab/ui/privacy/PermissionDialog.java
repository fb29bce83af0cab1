package dev.confab.ui.privacy;

import dev.confab.privacy.Permission;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The one-time question before a permission is first used: "Allow camera?" with a one-line reason. Used as
 * the prompt of {@link dev.confab.privacy.PermissionGate}. Never blocks the FX thread: the dialog is shown
 * with {@code show()}, not {@code showAndWait()}, and the answer completes the returned stage.
 */
public final class PermissionDialog {
    private PermissionDialog() {
    }

    public static Function<Permission, CompletionStage<Boolean>> prompt(UiText text, Window owner) {
        return permission -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Platform.runLater(() -> {
                ButtonType allow = new ButtonType(text.get("permission.allow"), ButtonBar.ButtonData.OK_DONE);
                ButtonType deny = new ButtonType(text.get("permission.deny"), ButtonBar.ButtonData.CANCEL_CLOSE);
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get(permission.key() + ".reason"), allow, deny);
                alert.initOwner(owner);
                alert.setTitle(text.get("app.title"));
                alert.setHeaderText(text.get("permission.ask.title", text.get(permission.key())));
                alert.getDialogPane().setId("permissionDialog");
                alert.resultProperty().addListener((obs, old, result) -> answer.complete(result == allow));
                alert.setOnHidden(e -> answer.complete(alert.getResult() == allow));
                alert.show();
            });
            return answer;
        };
    }
}
