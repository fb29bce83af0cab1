package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * What a tile shows of hands and reactions: a raised hand with its place in the queue (top left), and the latest
 * reaction, large, for a few seconds (top centre). Both follow the {@link ParticipantRow}.
 */
final class TileBadges {

    private TileBadges() {
    }

    /** Adds the badges to {@code tile}, which lays its children out as a StackPane. */
    static void addTo(StackPane tile, ParticipantRow row, UiText text) {
        Label hand = new Label(null, Icons.of(MaterialDesignH.HAND_BACK_RIGHT));
        hand.setId("hand-" + row.id());
        hand.getStyleClass().add("tile-hand");
        hand.textProperty().bind(row.handPositionProperty().asString());
        hand.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> text.get("hands.raisedAt", row.handPositionProperty().get()),
                row.handPositionProperty(), text.localeProperty()));
        hand.visibleProperty().bind(row.handPositionProperty().greaterThan(0));
        hand.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(hand, Pos.TOP_LEFT);
        StackPane.setMargin(hand, new Insets(8));

        Label reaction = new Label();
        reaction.setId("reaction-" + row.id());
        reaction.getStyleClass().add("tile-reaction");
        reaction.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        reaction.setMouseTransparent(true);
        StackPane.setAlignment(reaction, Pos.TOP_CENTER);
        StackPane.setMargin(reaction, new Insets(10));
        showReaction(reaction, row.reactionProperty().get(), text);
        row.reactionProperty().addListener((obs, old, now) -> showReaction(reaction, now, text));
        tile.getChildren().addAll(hand, reaction);
    }

    /** A reaction as an icon with its spoken name, or nothing. */
    static void showReaction(Label label, String emoji, UiText text) {
        ReactionIcons.Look look = ReactionIcons.of(emoji);
        label.setVisible(look != null);
        label.setGraphic(look == null ? null : look.icon());
        label.accessibleTextProperty().unbind();
        if (look != null) {
            label.accessibleTextProperty().bind(text.bind(look.textKey()));
        } else {
            label.setAccessibleText(null);
        }
    }
}
