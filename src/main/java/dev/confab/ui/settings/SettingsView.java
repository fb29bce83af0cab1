package dev.confab.ui.settings;

import dev.confab.ui.common.LanguagePicker;

import dev.confab.ui.common.Icons;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiText;
import dev.confab.ui.consent.PrivacyNoticeView;

import atlantafx.base.theme.Styles;
import dev.confab.storage.ConsentRecord;
import dev.confab.storage.Settings;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.nio.file.Path;
import java.util.List;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Language, theme, the recordings folder, the privacy controls (read the notice again, withdraw consent and
 * erase everything), the keyboard shortcuts, and About (version, licences of what Confab ships from others).
 */
public final class SettingsView implements Screen {
    private final Parent view;

    public SettingsView(UiText text, SettingsAccess settings, ConsentRecord consent, List<Path> dataFolders,
                        Consumer<Locale> onLanguage, boolean languageLocked, Consumer<Settings.Theme> onTheme,
                        Runnable onWithdraw, Runnable onBack, Runnable onPrivacyCenter,
                        Runnable onRecordings, javafx.scene.Node recordingsFolder) {
        Button back = new Button(null, Icons.of(MaterialDesignA.ARROW_LEFT));
        back.setId("back");
        back.textProperty().bind(text.bind("settings.back"));
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> onBack.run());
        Label title = new Label();
        title.textProperty().bind(text.bind("settings.title"));
        title.getStyleClass().add(Styles.TITLE_3);

        ComboBox<Settings.Theme> theme = new ComboBox<>();
        theme.setId("theme");
        theme.getItems().setAll(Settings.Theme.values());
        theme.setCellFactory(list -> new ThemeCell(text));
        theme.setButtonCell(new ThemeCell(text));
        text.localeProperty().addListener((obs, old, now) -> theme.setButtonCell(new ThemeCell(text)));
        theme.setValue(settings.current().theme());
        theme.valueProperty().addListener((obs, old, now) -> onTheme.accept(now));

        GridPane appearance = new GridPane(16, 12);
        appearance.addRow(0, label(text, "settings.language"), LanguagePicker.create(text, "settingsLanguage", onLanguage, languageLocked));
        appearance.addRow(1, label(text, "settings.theme"), theme);

        Label privacyTitle = new Label();
        privacyTitle.textProperty().bind(text.bind("settings.privacy"));
        privacyTitle.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        Label consentStatus = new Label();
        consentStatus.setId("consentStatus");
        consentStatus.setWrapText(true);
        consentStatus.textProperty().bind(Bindings.createStringBinding(() -> text.get("settings.consentStatus",
                consent.policyVersion(),
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(text.locale())
                        .withZone(ZoneId.systemDefault()).format(consent.agreedAt())), text.localeProperty()));
        Label folderIntro = new Label();
        folderIntro.setWrapText(true);
        folderIntro.textProperty().bind(text.bind("settings.dataFolders"));
        Label folders = new Label(dataFolders.stream().map(Path::toString).distinct()
                .collect(java.util.stream.Collectors.joining("\n")));
        folders.setId("dataFolders");
        folders.getStyleClass().add("data-folders");
        folders.setWrapText(true);
        VBox folder = new VBox(4, folderIntro, folders);

        ToggleButton showNotice = new ToggleButton();
        showNotice.setId("showNotice");
        showNotice.textProperty().bind(text.bind("settings.showNotice"));
        ScrollPane notice = PrivacyNoticeView.create(text, "settingsNotice");
        notice.setPrefViewportHeight(220);
        notice.visibleProperty().bind(showNotice.selectedProperty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label withdrawHint = new Label();
        withdrawHint.setWrapText(true);
        withdrawHint.textProperty().bind(text.bind("settings.withdrawHint"));
        Button withdraw = new Button();
        withdraw.setId("withdraw");
        withdraw.textProperty().bind(text.bind("settings.withdraw"));
        withdraw.getStyleClass().add(Styles.DANGER);

        // Erasing is irreversible: ask once more, inline.
        Label confirmText = new Label();
        confirmText.setWrapText(true);
        confirmText.textProperty().bind(text.bind("settings.withdrawConfirm"));
        Button confirm = new Button();
        confirm.setId("confirmWithdraw");
        confirm.textProperty().bind(text.bind("settings.withdrawConfirmButton"));
        confirm.getStyleClass().addAll(Styles.DANGER, Styles.ACCENT);
        confirm.setOnAction(e -> onWithdraw.run());
        Button cancel = new Button();
        cancel.setId("cancelWithdraw");
        cancel.textProperty().bind(text.bind("settings.cancel"));
        HBox confirmButtons = new HBox(12, cancel, confirm);
        VBox confirmBox = new VBox(8, confirmText, confirmButtons);
        confirmBox.getStyleClass().addAll("notice", "notice-danger");
        confirmBox.setVisible(false);
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());
        withdraw.setOnAction(e -> confirmBox.setVisible(true));
        cancel.setOnAction(e -> confirmBox.setVisible(false));
        withdraw.disableProperty().bind(confirmBox.visibleProperty());

        Button privacyCenter = new Button();
        privacyCenter.setId("privacyCenterButton");
        privacyCenter.textProperty().bind(text.bind("settings.privacyCenter"));
        privacyCenter.getStyleClass().add(Styles.ACCENT);
        privacyCenter.setOnAction(e -> onPrivacyCenter.run());

        javafx.scene.control.CheckBox keepChat = new javafx.scene.control.CheckBox();
        keepChat.setId("keepChatHistory");
        keepChat.textProperty().bind(text.bind("settings.keepChatHistory"));
        keepChat.setSelected(Boolean.TRUE.equals(settings.current().keepChatHistory()));
        keepChat.selectedProperty().addListener((obs, old, now) -> settings.update(s -> s.withKeepChatHistory(now)));
        Label keepChatHint = new Label();
        keepChatHint.setWrapText(true);
        keepChatHint.textProperty().bind(text.bind("settings.keepChatHistory.hint"));

        Button recordings = new Button(null, Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignF.FILMSTRIP));
        recordings.setId("settingsRecordings");
        recordings.textProperty().bind(text.bind("recordings.open"));
        recordings.setOnAction(e -> onRecordings.run());

        VBox privacy = new VBox(10, privacyTitle, consentStatus, new HBox(10, privacyCenter, recordings), folder, showNotice, notice,
                withdrawHint, withdraw, confirmBox, keepChat, keepChatHint);

        HBox heading = new HBox(12, back, title);
        heading.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(18, heading, appearance, privacy, recordingsFolder, KeyboardMapSection.create(text),
                AboutSection.create(text));
        card.getStyleClass().addAll("card", "settings");
        card.setMaxWidth(720);
        ScrollPane scroll = new ScrollPane(card);
        scroll.setFitToWidth(true);
        scroll.setId("settings");
        scroll.getStyleClass().add("page-scroll");
        this.view = scroll;
    }

    private static Label label(UiText text, String key) {
        Label l = new Label();
        l.textProperty().bind(text.bind(key));
        return l;
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public Parent view() {
        return view;
    }

    private static final class ThemeCell extends ListCell<Settings.Theme> {
        private final UiText text;

        ThemeCell(UiText text) {
            this.text = text;
        }

        @Override
        protected void updateItem(Settings.Theme item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text.get(item == Settings.Theme.DARK ? "settings.theme.dark" : "settings.theme.light"));
        }
    }
}
