package dev.confab.ui.meeting;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.util.function.Consumer;

/**
 * Under the participant list, for hosts and co-hosts: the waiting room and mute on entry switches (showing what
 * the server last said, so a change by another co-host shows too) and "Ask all to unmute".
 */
final class ModeratorSettings extends VBox {

    ModeratorSettings(UiText text, ModerationViewModel model) {
        super(6);
        setId("moderatorSettings");
        Button askUnmute = new Button(null, Icons.of(MaterialDesignM.MICROPHONE));
        askUnmute.setId("askAllToUnmute");
        askUnmute.textProperty().bind(text.bind("moderation.askAllToUnmute"));
        askUnmute.setOnAction(e -> model.askAllToUnmute());
        getChildren().addAll(
                followingSwitch(text, "waitingRoomSwitch", "moderation.waitingRoom", model.waitingRoomProperty(),
                        model::setWaitingRoom),
                followingSwitch(text, "muteOnEntrySwitch", "moderation.muteOnEntry", model.muteOnEntryProperty(),
                        model::setMuteOnEntry),
                askUnmute);
        visibleProperty().bind(model.selfModeratesProperty());
        managedProperty().bind(visibleProperty());
    }

    /** A check box that shows {@code state} and sends the user's changes (and only those) to {@code change}. */
    private static CheckBox followingSwitch(UiText text, String id, String key, ReadOnlyBooleanProperty state,
                                            Consumer<Boolean> change) {
        CheckBox box = new CheckBox();
        box.setId(id);
        box.textProperty().bind(text.bind(key));
        box.setWrapText(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setSelected(state.get());
        state.addListener((obs, old, now) -> box.setSelected(now));
        // A click changes 'selected' before the server agrees; the model sends only what differs from 'state'.
        box.selectedProperty().addListener((obs, old, now) -> change.accept(now));
        return box;
    }
}
