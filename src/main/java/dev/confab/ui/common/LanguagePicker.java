package dev.confab.ui.common;

import dev.confab.ui.common.PolicyLock;
import dev.confab.ui.common.UiText;

import dev.confab.i18n.Messages;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

import java.util.Locale;
import java.util.function.Consumer;

/** A language chooser; each language is named in itself ("English", "简体中文") so anyone can find theirs. */
public final class LanguagePicker {
    private LanguagePicker() {
    }

    /**
     * @param locked the administrator enforced the language: the picker shows it, disabled, with a padlock
     *               whose id is {@code id + "Lock"}
     */
    public static Node create(UiText text, String id, Consumer<Locale> onChoice, boolean locked) {
        return PolicyLock.wrap(text, picker(text, id, onChoice), locked, id + "Lock");
    }

    private static ComboBox<Locale> picker(UiText text, String id, Consumer<Locale> onChoice) {
        ComboBox<Locale> picker = new ComboBox<>();
        picker.setId(id);
        picker.getItems().setAll(Messages.SUPPORTED);
        picker.setCellFactory(list -> new LanguageCell());
        picker.setButtonCell(new LanguageCell());
        picker.setValue(text.locale());
        picker.accessibleTextProperty().bind(text.bind("language.label"));
        text.localeProperty().addListener((obs, old, now) -> picker.setValue(now));
        picker.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(text.locale())) {
                onChoice.accept(now);
            }
        });
        return picker;
    }

    private static final class LanguageCell extends ListCell<Locale> {
        @Override
        protected void updateItem(Locale item, boolean empty) {
            super.updateItem(item, empty);
            // Each language's own name, independent of the current UI language.
            setText(empty || item == null ? null : Messages.get(item, "language.name"));
        }
    }
}
