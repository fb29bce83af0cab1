package dev.confab.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.function.Consumer;

/** A warning line with a close button, as the main window and the meeting screen show them. FX thread. */
public final class DismissibleNotice {
    private DismissibleNotice() {
    }

    /**
     * @param onDismiss removes the notice from wherever it was added (it is handed the notice itself)
     * @return the notice; its first child is the message's label
     */
    public static HBox create(UiText text, UiMessage message, Consumer<HBox> onDismiss) {
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
        close.setOnAction(e -> onDismiss.accept(notice));
        return notice;
    }
}
