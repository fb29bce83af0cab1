package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.meeting.Roster;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The header's "End-to-end encrypted" badge (or "Not fully encrypted", naming who is not) and the panel it opens
 * below the header bar: the meeting privacy code to compare aloud, the chat security code and a personal code for
 * each participant (docs/security.md section 9.5). Follows the roster; JavaFX thread.
 */
final class EncryptionBadge {
    private final UiText text;
    private final ToggleButton badge = new ToggleButton();
    private final VBox panel = new VBox(4);

    EncryptionBadge(UiText text, ObservableValue<Roster> roster) {
        this.text = text;
        badge.setId("encryptionBadge");
        badge.getStyleClass().addAll(Styles.SMALL, "meeting-badge");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("meeting.e2ee.tip"));
        badge.setTooltip(tip);
        panel.setId("encryptionPanel");
        panel.getStyleClass().addAll("notice", "encryption-panel");
        panel.visibleProperty().bind(badge.selectedProperty().and(badge.visibleProperty()));
        panel.managedProperty().bind(panel.visibleProperty());
        roster.addListener((obs, before, now) -> show(EncryptionStatus.of(now)));
        show(EncryptionStatus.of(roster.getValue()));
    }

    ToggleButton badge() {
        return badge;
    }

    VBox panel() {
        return panel;
    }

    private void show(EncryptionStatus status) {
        badge.setVisible(status.known());
        badge.setManaged(status.known());
        badge.textProperty().bind(bind(status.badge()));
        badge.setGraphic(Icons.of(status.fullyEncrypted() ? MaterialDesignS.SHIELD_LOCK
                : status.warning() ? MaterialDesignS.SHIELD_ALERT_OUTLINE : MaterialDesignS.SHIELD_SYNC_OUTLINE));
        badge.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING);
        if (status.fullyEncrypted() || status.warning()) {
            badge.getStyleClass().add(status.fullyEncrypted() ? Styles.SUCCESS : Styles.WARNING);
        }
        panel.getChildren().clear();
        if (!status.known()) {
            return;
        }
        if (status.notEncrypted() != null) {
            panel.getChildren().add(line("encryptionMissing", status.notEncrypted(), status.warning() ? Styles.WARNING : null));
        }
        panel.getChildren().addAll(line("privacyCode", status.privacyCode(), Styles.TEXT_BOLD),
                line(null, UiMessage.of("meeting.e2ee.privacyCode.help"), null));
        if (status.securityCode() != null) {
            panel.getChildren().add(line("chatSecurityCodeInPanel", status.securityCode(), null));
        }
        if (!status.personalCodes().isEmpty()) {
            panel.getChildren().add(line(null, UiMessage.of("meeting.e2ee.personalCodes"), null));
            status.personalCodes().forEach(code -> panel.getChildren().add(line(null, code, null)));
        }
    }

    /** Follows the language. */
    private StringBinding bind(UiMessage message) {
        return text.bind(message.key(), message.args().toArray());
    }

    private Label line(String id, UiMessage message, String style) {
        Label label = new Label();
        label.textProperty().bind(bind(message));
        label.setWrapText(true);
        if (id != null) {
            label.setId(id);
        }
        if (style != null) {
            label.getStyleClass().add(style);
        }
        return label;
    }
}
