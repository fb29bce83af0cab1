package dev.confab.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;
import java.util.function.Function;

/**
 * A view-model's text value with a rule. Errors appear only when {@link #validate()} is asked (not while the
 * user is still typing), but once one is shown every edit re-checks, so it clears as soon as it is fixed.
 */
public final class ValidatedText {
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<UiMessage> error = new ReadOnlyObjectWrapper<>();
    private final Function<String, Optional<UiMessage>> rule;

    public ValidatedText(Function<String, Optional<UiMessage>> rule) {
        this.rule = rule;
        text.addListener((obs, old, now) -> {
            if (error.get() != null) {
                validate();
            }
        });
    }

    public StringProperty textProperty() {
        return text;
    }

    public String get() {
        return text.get();
    }

    public void set(String value) {
        text.set(value);
    }

    /** The message to show under the field; null while the value is fine or not checked yet. */
    public ReadOnlyObjectProperty<UiMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean validate() {
        error.set(rule.apply(text.get()).orElse(null));
        return error.get() == null;
    }

    public void clearError() {
        error.set(null);
    }
}
