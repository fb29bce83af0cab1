package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/** The toolbar's Raise hand button (with how many hands are up) and its React menu. */
final class HandAndReactionControls {

    private HandAndReactionControls() {
    }

    static ToggleButton raiseHand(UiText text, MeetingViewModel model) {
        Label count = new Label();
        count.setId("handsCount");
        count.getStyleClass().add("hands-count");
        count.textProperty().bind(Bindings.size(model.raisedHands()).asString());
        count.visibleProperty().bind(Bindings.isNotEmpty(model.raisedHands()));
        count.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> text.get("hands.count", model.raisedHands().size()), model.raisedHands(), text.localeProperty()));
        StackPane graphic = new StackPane(Icons.of(MaterialDesignH.HAND_BACK_RIGHT), count);
        StackPane.setAlignment(count, Pos.TOP_RIGHT);
        ToggleButton button = new ToggleButton(null, graphic);
        button.setId("raiseHandButton");
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().add("control-button");
        button.textProperty().bind(Bindings.when(model.ownHandRaisedProperty())
                .then(text.bind("hands.lower")).otherwise(text.bind("hands.raise")));
        button.setSelected(model.ownHandRaisedProperty().get());
        model.ownHandRaisedProperty().addListener((obs, old, now) -> button.setSelected(now));
        // The server's queue decides: the button shows it and only asks for the change.
        button.setOnAction(e -> {
            button.setSelected(model.ownHandRaisedProperty().get());
            model.toggleHand();
        });
        button.setTooltip(tip(text, "hands.raiseTip"));
        button.accessibleHelpProperty().bind(text.bind("hands.raiseTip"));
        return button;
    }

    static MenuButton react(UiText text, MeetingViewModel model) {
        MenuButton menu = new MenuButton(null, Icons.of(MaterialDesignE.EMOTICON_HAPPY_OUTLINE));
        menu.setId("reactButton");
        menu.setContentDisplay(ContentDisplay.TOP);
        menu.getStyleClass().add("control-button");
        menu.textProperty().bind(text.bind("reaction.button"));
        menu.setTooltip(tip(text, "reaction.buttonTip"));
        menu.accessibleHelpProperty().bind(text.bind("reaction.buttonTip"));
        for (ReactionIcons.Look look : ReactionIcons.all()) {
            MenuItem item = new MenuItem(null, look.icon());
            item.setId("react-" + look.key());
            item.textProperty().bind(text.bind(look.textKey()));
            item.setOnAction(e -> model.react(look.emoji()));
            menu.getItems().add(item);
        }
        return menu;
    }

    static Tooltip tip(UiText text, String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(key));
        return tip;
    }
}
