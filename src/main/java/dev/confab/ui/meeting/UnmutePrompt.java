package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.Buttons;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * "Ada asks you to unmute" with Unmute and Not now, above the controls while a request is pending. Only the
 * user's click unmutes.
 */
final class UnmutePrompt extends HBox {

    UnmutePrompt(UiText text, ModerationViewModel model) {
        super(10);
        setId("unmutePrompt");
        getStyleClass().add("unmute-prompt");
        setAlignment(Pos.CENTER);
        Label message = new Label(null, Icons.of(MaterialDesignM.MICROPHONE_MESSAGE));
        message.setId("unmuteAsked");
        message.textProperty().bind(text.bind(model.unmuteAskedProperty()));
        message.setWrapText(true);
        Button unmute = Buttons.of(text, "acceptUnmute", "moderation.unmute", model::acceptUnmute);
        unmute.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        Button later = Buttons.of(text, "ignoreUnmute", "moderation.notNow", model::ignoreUnmute);
        later.getStyleClass().add(Styles.SMALL);
        getChildren().addAll(message, unmute, later);
        visibleProperty().bind(model.unmuteAskedProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }
}
