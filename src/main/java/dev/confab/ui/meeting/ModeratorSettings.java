package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.util.function.Consumer;

/**
 * The moderators' "Moderation" menu (an icon) beside Mute all, Lock and End: ask all to unmute, and the waiting room and mute on
 * entry switches (showing what the server last said, so a change by a co-host shows too).
 */
final class ModeratorSettings {
    private ModeratorSettings() {
    }

    static MenuButton menu(UiText text, ModerationViewModel model) {
        MenuItem askUnmute = new MenuItem(null, Icons.of(MaterialDesignM.MICROPHONE));
        askUnmute.setId("askAllToUnmute");
        askUnmute.textProperty().bind(text.bind("moderation.askAllToUnmute"));
        askUnmute.setOnAction(e -> model.askAllToUnmute());
        MenuButton menu = new MenuButton(null, Icons.of(MaterialDesignA.ACCOUNT_CLOCK), askUnmute,
                new SeparatorMenuItem(),
                followingSwitch(text, "waitingRoomSwitch", "moderation.waitingRoom", model.waitingRoomProperty(),
                        model::setWaitingRoom),
                followingSwitch(text, "muteOnEntrySwitch", "moderation.muteOnEntry", model.muteOnEntryProperty(),
                        model::setMuteOnEntry));
        menu.setId("moderationMenu");
        // Icon only, so that it fits beside End meeting for all and the participant list keeps its room.
        menu.accessibleTextProperty().bind(text.bind("moderation.menu"));
        menu.accessibleHelpProperty().bind(text.bind("moderation.menuTip"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("moderation.menuTip"));
        menu.setTooltip(tip);
        return menu;
    }

    /** A menu check item that shows {@code state} and sends the user's changes (and only those) to {@code change}. */
    private static CheckMenuItem followingSwitch(UiText text, String id, String key, ReadOnlyBooleanProperty state,
                                                 Consumer<Boolean> change) {
        CheckMenuItem item = new CheckMenuItem();
        item.setId(id);
        item.textProperty().bind(text.bind(key));
        item.setSelected(state.get());
        state.addListener((obs, old, now) -> item.setSelected(now));
        // A click changes 'selected' before the server agrees; the model sends only what differs from 'state'.
        item.selectedProperty().addListener((obs, old, now) -> change.accept(now));
        return item;
    }
}
