package dev.confab.ui.shell;

import dev.confab.ui.common.DismissibleNotice;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.scene.layout.VBox;

/** Warnings under the top bar (a failed save, a broken policy file) that stay until the user dismisses them. FX thread. */
final class Notices {
    private final UiText text;
    private final VBox view = new VBox(6);

    Notices(UiText text) {
        this.text = text;
        view.setId("notices");
    }

    VBox view() {
        return view;
    }

    void add(UiMessage message) {
        view.getChildren().add(DismissibleNotice.create(text, message, view.getChildren()::remove));
    }

    void clear() {
        view.getChildren().clear();
    }
}
