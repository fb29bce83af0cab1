package dev.confab.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The padlock next to a control whose value the administrator's policy enforces. The control itself is
 * disabled, and disabled controls show no tooltip, so the explanation hangs on the padlock.
 */
public final class PolicyLock {
    private PolicyLock() {
    }

    /** A padlock with the tooltip "Set by your administrator". */
    public static Label icon(UiText text, String id) {
        Label lock = new Label(null, Icons.of(MaterialDesignL.LOCK));
        lock.setId(id);
        lock.getStyleClass().add("policy-lock");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("policy.locked"));
        lock.setTooltip(tip);
        lock.accessibleTextProperty().bind(text.bind("policy.locked"));
        return lock;
    }

    /**
     * Returns {@code control} as it is when not locked; otherwise disables it and puts a padlock with id
     * {@code lockId} to its right.
     */
    public static Node wrap(UiText text, Control control, boolean locked, String lockId) {
        if (!locked) {
            return control;
        }
        control.setDisable(true);
        control.getStyleClass().add("policy-locked");
        control.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(control, Priority.ALWAYS);
        HBox row = new HBox(8, control, icon(text, lockId));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
