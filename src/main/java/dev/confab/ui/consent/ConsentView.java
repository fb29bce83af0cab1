package dev.confab.ui.consent;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiText;
import dev.confab.ui.common.LanguagePicker;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The privacy notice the user must accept before anything else works. It fills the whole window, so no
 * other control is reachable until Agree; Decline (or closing the window) ends the app.
 */
public final class ConsentView implements Screen {
    private final Parent view;

    /**
     * @param currentVersion  the bundled notice's version
     * @param previousVersion the version the user agreed to before, when the notice has changed since
     * @param languageLocked  the administrator enforced the language
     * @param choices         what the switches under the notice start with
     */
    public ConsentView(UiText text, int currentVersion, OptionalInt previousVersion, Consumer<Locale> onLanguage,
                       boolean languageLocked, ConsentChoices choices, Consumer<ConsentChoices> onAgree,
                       Runnable onDecline) {
        Label icon = new Label(null, Icons.of(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        icon.getStyleClass().add("consent-icon");
        Label title = new Label();
        title.textProperty().bind(text.bind("consent.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, icon, title, spacer, LanguagePicker.create(text, "consentLanguage", onLanguage, languageLocked));
        header.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(14, header);
        if (previousVersion.isPresent()) {
            Label changed = new Label(null, Icons.of(MaterialDesignA.ALERT_OUTLINE));
            changed.setId("consentChanged");
            changed.textProperty().bind(text.bind("consent.changed", previousVersion.getAsInt(), currentVersion));
            changed.setWrapText(true);
            changed.getStyleClass().addAll("notice", "notice-warning");
            changed.setMaxWidth(Double.MAX_VALUE);
            changed.setMinHeight(Region.USE_PREF_SIZE);
            card.getChildren().add(changed);
        }

        ScrollPane scroll = PrivacyNoticeView.create(text, "privacyNotice");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        CheckBox keepHistory = choice(text, "consentKeepHistory", "privacy.keepHistory", choices.keepMeetingHistory());
        CheckBox diagnostics = choice(text, "consentDiagnostics", "privacy.keepLogs", choices.diagnosticLogs());
        HBox switches = new HBox(24, keepHistory, diagnostics);

        Label consequence = new Label();
        consequence.setWrapText(true);
        consequence.getStyleClass().add(Styles.TEXT_MUTED);
        consequence.textProperty().bind(text.bind(previousVersion.isPresent() ? "consent.declineErases" : "consent.declineLeavesNothing"));
        Button decline = new Button();
        decline.setId("decline");
        decline.textProperty().bind(text.bind("consent.decline"));
        decline.setOnAction(e -> onDecline.run());
        Button agree = new Button();
        agree.setId("agree");
        agree.textProperty().bind(text.bind("consent.agree"));
        agree.getStyleClass().add(Styles.ACCENT);
        agree.setOnAction(e -> onAgree.accept(new ConsentChoices(keepHistory.isSelected(), diagnostics.isSelected())));
        HBox.setHgrow(consequence, Priority.ALWAYS);
        consequence.setMaxWidth(Double.MAX_VALUE);
        HBox actions = new HBox(12, consequence, decline, agree);
        actions.setAlignment(Pos.CENTER_RIGHT);
        decline.setMinWidth(Region.USE_PREF_SIZE);
        agree.setMinWidth(Region.USE_PREF_SIZE);

        card.getChildren().addAll(scroll, switches, actions);
        card.getStyleClass().addAll("card", "consent-card");
        card.setMaxWidth(760);
        StackPane root = new StackPane(card);
        root.setId("consent");
        root.getStyleClass().add("consent");
        this.view = root;
    }

    private static CheckBox choice(UiText text, String id, String key, boolean selected) {
        CheckBox box = new CheckBox();
        box.setId(id);
        box.textProperty().bind(text.bind(key));
        box.setSelected(selected);
        box.setWrapText(true);
        return box;
    }

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public Parent view() {
        return view;
    }
}
