package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/** The toolbar's Raise hand button (with how many hands are up), whose arrow opens the reactions. */
final class HandAndReactionControls {

    private HandAndReactionControls() {
    }

    /**
     * One control for both, so the bar keeps its width: pressing it raises (or lowers) the hand, its arrow opens the
     * reactions. The count of raised hands sits on the hand.
     */
    static SplitMenuButton handAndReactions(UiText text, MeetingViewModel model) {
        Label count = new Label();
        count.setId("handsCount");
        count.getStyleClass().add("hands-count");
        count.textProperty().bind(Bindings.size(model.raisedHands()).asString());
        count.visibleProperty().bind(Bindings.isNotEmpty(model.raisedHands()));
        count.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> text.get("hands.count", model.raisedHands().size()), model.raisedHands(), text.localeProperty()));
        StackPane graphic = new StackPane(Icons.of(MaterialDesignH.HAND_BACK_RIGHT), count);
        StackPane.setAlignment(count, Pos.TOP_RIGHT);
        SplitMenuButton button = new SplitMenuButton();
        button.setGraphic(graphic);
        button.setId("raiseHandButton");
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("control-button");
        button.textProperty().bind(Bindings.when(model.ownHandRaisedProperty())
                .then(text.bind("hands.lower")).otherwise(text.bind("hands.raise")));
        button.accessibleTextProperty().bind(button.textProperty()); // a split button does not say its text itself
        showRaised(button, model.ownHandRaisedProperty().get());
        model.ownHandRaisedProperty().addListener((obs, old, now) -> showRaised(button, now));
        button.setOnAction(e -> model.toggleHand());
        button.setTooltip(tip(text, "hands.raiseTip"));
        button.accessibleHelpProperty().bind(text.bind("hands.raiseTip"));
        for (ReactionIcons.Look look : ReactionIcons.all()) {
            MenuItem item = new MenuItem(null, look.icon());
            item.setId("react-" + look.key());
            item.textProperty().bind(text.bind(look.textKey()));
            item.setOnAction(e -> model.react(look.emoji()));
            button.getItems().add(item);
        }
        return button;
    }

    /** The raised hand looks pressed, like the toggles next to it. */
    private static void showRaised(SplitMenuButton button, boolean raised) {
        button.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), raised);
    }

    static Tooltip tip(UiText text, String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(key));
        return tip;
    }
}
