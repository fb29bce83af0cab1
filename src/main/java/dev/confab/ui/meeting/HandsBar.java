package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * The line above the participant list while hands are up ("2 raised hands", and Lower all for the host and
 * co-hosts), and the hand and reaction shown in each participant's row.
 */
final class HandsBar extends HBox {

    HandsBar(UiText text, MeetingViewModel model) {
        super(6);
        setId("handsBar");
        getStyleClass().add("hands-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label count = new Label(null, Icons.of(MaterialDesignH.HAND_BACK_RIGHT));
        count.setId("handsBarCount");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> text.get("hands.count", model.raisedHands().size()), model.raisedHands(), text.localeProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button lowerAll = new Button();
        lowerAll.setId("lowerAllHands");
        lowerAll.getStyleClass().add(Styles.SMALL);
        lowerAll.textProperty().bind(text.bind("hands.lowerAll"));
        lowerAll.setOnAction(e -> model.lowerAllHands());
        lowerAll.visibleProperty().bind(model.selfModeratesProperty());
        lowerAll.managedProperty().bind(lowerAll.visibleProperty());
        getChildren().addAll(count, spacer, lowerAll);
        visibleProperty().bind(Bindings.isNotEmpty(model.raisedHands()));
        managedProperty().bind(visibleProperty());
    }

    /** Adds {@code shown}'s hand (with its place), its current reaction and, for moderators, a Lower hand button. */
    static void decorate(HBox row, ParticipantRow shown, boolean selfModerates, UiText text, MeetingViewModel model) {
        int position = shown.handPositionProperty().get();
        if (position > 0) {
            Label hand = new Label(String.valueOf(position), Icons.of(MaterialDesignH.HAND_BACK_RIGHT));
            hand.setId("rowHand-" + shown.id());
            hand.getStyleClass().addAll("row-hand", Styles.TEXT_SMALL);
            hand.setMinWidth(Region.USE_PREF_SIZE);
            hand.setAccessibleText(text.get("hands.raisedAt", position));
            row.getChildren().add(hand);
            if (selfModerates) {
                Button lower = new Button(null, Icons.of(MaterialDesignH.HAND_BACK_RIGHT_OFF));
                lower.setId("lowerHand-" + shown.id());
                lower.getStyleClass().addAll("flat", Styles.BUTTON_ICON, Styles.SMALL);
                lower.setAccessibleText(text.get("hands.lowerOf", shown.label()));
                lower.setTooltip(new Tooltip(text.get("hands.lowerOf", shown.label())));
                lower.setOnAction(e -> model.lowerHand(shown.id()));
                row.getChildren().add(lower);
            }
        }
        Label reaction = new Label();
        reaction.setId("rowReaction-" + shown.id());
        reaction.getStyleClass().add("row-reaction");
        reaction.setMinWidth(Region.USE_PREF_SIZE);
        TileBadges.showReaction(reaction, shown.reactionProperty().get(), text);
        reaction.managedProperty().bind(reaction.visibleProperty());
        // Cells are rebuilt on every roster change: a weak listener, held by the label, goes with the label.
        javafx.beans.value.ChangeListener<String> follow = (obs, old, now) -> TileBadges.showReaction(reaction, now, text);
        reaction.getProperties().put("reactionListener", follow);
        shown.reactionProperty().addListener(new javafx.beans.value.WeakChangeListener<>(follow));
        row.getChildren().add(reaction);
    }
}
