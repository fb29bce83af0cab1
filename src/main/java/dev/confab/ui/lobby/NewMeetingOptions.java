package dev.confab.ui.lobby;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The lobby's options for a meeting it creates, next to New meeting: start with a waiting room, mute people when
 * they join. Both can be changed later in the meeting; Join ignores them.
 */
public final class NewMeetingOptions {

    /** What New meeting asks the server for. */
    public record Choice(boolean waitingRoom, boolean muteOnEntry) {
        public static final Choice NONE = new Choice(false, false);
    }

    private final CheckMenuItem waitingRoom = new CheckMenuItem();
    private final CheckMenuItem muteOnEntry = new CheckMenuItem();
    private final MenuButton button;

    NewMeetingOptions(UiText text) {
        waitingRoom.setId("newMeetingWaitingRoom");
        waitingRoom.textProperty().bind(text.bind("lobby.newMeeting.waitingRoom"));
        muteOnEntry.setId("newMeetingMuteOnEntry");
        muteOnEntry.textProperty().bind(text.bind("lobby.newMeeting.muteOnEntry"));
        button = new MenuButton(null, Icons.of(MaterialDesignT.TUNE_VARIANT), waitingRoom, muteOnEntry);
        button.setId("newMeetingOptions");
        button.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, "flat");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("lobby.newMeeting.options"));
        button.setTooltip(tip);
        button.accessibleTextProperty().bind(text.bind("lobby.newMeeting.options"));
    }

    MenuButton button() {
        return button;
    }

    Choice choice() {
        return new Choice(waitingRoom.isSelected(), muteOnEntry.isSelected());
    }
}
