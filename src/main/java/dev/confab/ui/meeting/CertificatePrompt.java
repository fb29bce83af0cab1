package dev.confab.ui.meeting;

import atlantafx.base.theme.Styles;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiText;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.net.URI;
import java.nio.file.Path;

/**
 * Trust-on-first-use prompt for a server whose certificate no authority vouches for (like SSH's first
 * connection), and the warning when a trusted server's certificate has changed. Both are non-blocking.
 */
final class CertificatePrompt {
    private CertificatePrompt() {
    }

    /** Shows the fingerprint and asks; {@code onTrust} runs on the FX thread when the user trusts it. */
    static Alert askFirstUse(Window owner, UiText text, URI server, String fingerprint, Runnable onTrust, Runnable onCancel) {
        ButtonType trust = new ButtonType(text.get("cert.trust"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(text.get("meeting.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.NONE, null, cancel, trust);
        alert.setTitle(text.get("cert.title"));
        alert.setHeaderText(text.get("cert.header", hostAndPort(server)));
        alert.setGraphic(Icons.of(MaterialDesignS.SHIELD_KEY));
        alert.getDialogPane().setContent(body(text.get("cert.explain"), text.get("cert.fingerprint"), fingerprint));
        alert.getDialogPane().setId("certificatePrompt");
        alert.getDialogPane().lookupButton(trust).setId("trustCertificate");
        alert.getDialogPane().lookupButton(cancel).setId("cancelCertificate");
        // The safe choice is the default: Enter must not trust a certificate the user never compared.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(trust)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        init(alert, owner);
        alert.resultProperty().addListener((obs, old, result) -> (result == trust ? onTrust : onCancel).run());
        alert.show();
        return alert;
    }

    /** A warning without an accept button: changing a pin is a deliberate act, not a click. */
    static Alert warnChanged(Window owner, UiText text, URI server, String presented, Path knownServersFile) {
        ButtonType close = new ButtonType(text.get("cert.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, null, close);
        alert.setTitle(text.get("cert.changedTitle"));
        alert.setHeaderText(text.get("cert.changedTitle"));
        alert.getDialogPane().setContent(body(text.get("cert.changedExplain", hostAndPort(server), knownServersFile.toString()),
                text.get("cert.presented"), presented));
        alert.getDialogPane().setId("certificateChanged");
        init(alert, owner);
        alert.show();
        return alert;
    }

    private static VBox body(String explanation, String fingerprintLabel, String fingerprint) {
        Label explain = new Label(explanation);
        explain.setWrapText(true);
        explain.setMaxWidth(460);
        Label label = new Label(fingerprintLabel);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea value = new TextArea(grouped(fingerprint));
        value.setId("fingerprint");
        value.setEditable(false);
        value.setWrapText(true);
        value.setPrefRowCount(2);
        value.setPrefColumnCount(48);
        value.getStyleClass().add("fingerprint");
        return new VBox(10, explain, label, value);
    }

    /** "AB:CD:…" in two lines of 16 pairs, easier to compare by eye than one long line. */
    static String grouped(String fingerprint) {
        String[] pairs = fingerprint.split(":");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append(i % 16 == 0 ? "\n" : i % 4 == 0 ? "  " : ":");
            }
            out.append(pairs[i]);
        }
        return out.toString();
    }

    private static String hostAndPort(URI server) {
        return server.getPort() == -1 ? server.getHost() : server.getHost() + ":" + server.getPort();
    }

    private static void init(Alert alert, Window owner) {
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.getDialogPane().setMinWidth(520);
    }
}
