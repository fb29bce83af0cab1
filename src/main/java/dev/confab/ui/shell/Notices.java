package dev.confab.ui.shell;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

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
        Label label = new Label();
        label.textProperty().bind(text.bind(message.key(), message.args().toArray()));
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        Button close = new Button(null, Icons.of(MaterialDesignC.CLOSE));
        close.getStyleClass().add("flat");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("notice.dismiss"));
        close.setTooltip(tip);
        HBox notice = new HBox(8, label, close);
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.getStyleClass().addAll("notice", "notice-warning");
        close.setOnAction(e -> view.getChildren().remove(notice));
        view.getChildren().add(notice);
    }

    void clear() {
        view.getChildren().clear();
    }
}
