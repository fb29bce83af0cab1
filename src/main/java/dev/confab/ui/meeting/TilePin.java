package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The pin button at the top of a video tile: pins the tile large for this user only (again: unpins). It shows while
 * the pointer is over the tile, while it has the keyboard focus (it stays in the Tab order), and always on the
 * pinned tile, so the grid stays clean otherwise.
 */
final class TilePin {
    private TilePin() {
    }

    static void install(ParticipantTile tile, UiText text, ModerationViewModel moderation, String name) {
        int id = tile.participantId();
        var pinned = moderation.pinnedIdProperty().isEqualTo(id);
        Button pin = new Button();
        pin.setId("pin-" + id);
        pin.getStyleClass().addAll("flat", "tile-pin", atlantafx.base.theme.Styles.BUTTON_ICON);
        pin.graphicProperty().bind(Bindings.createObjectBinding(
                () -> (FontIcon) Icons.of(pinned.get() ? MaterialDesignP.PIN_OFF : MaterialDesignP.PIN), pinned));
        var label = Bindings.createStringBinding(
                () -> text.get(pinned.get() ? "moderation.unpin" : "moderation.pin", name), pinned, text.localeProperty());
        pin.accessibleTextProperty().bind(label);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(label);
        pin.setTooltip(tip);
        pin.opacityProperty().bind(Bindings.when(tile.hoverProperty().or(pin.focusedProperty()).or(pinned))
                .then(1.0).otherwise(0.0));
        pin.setOnAction(e -> moderation.togglePin(id));
        StackPane.setAlignment(pin, Pos.TOP_CENTER);
        StackPane.setMargin(pin, new Insets(4));
        tile.getChildren().add(pin);
    }
}
