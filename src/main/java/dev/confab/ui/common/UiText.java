package dev.confab.ui.common;

import dev.confab.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import java.util.Locale;

/**
 * The UI's current language. Every visible string is a binding on {@link #localeProperty()}, so changing
 * the language relabels the whole window at once without a restart.
 */
public final class UiText {
    private final ObjectProperty<Locale> locale;

    public UiText(Locale initial) {
        this.locale = new SimpleObjectProperty<>(Messages.supported(initial));
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale locale() {
        return locale.get();
    }

    public void setLocale(Locale value) {
        locale.set(Messages.supported(value));
    }

    /** Arguments that are themselves {@link UiMessage}s are localized too. */
    public String get(String key, Object... args) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof UiMessage nested) {
                shown[i] = get(nested);
            }
        }
        return Messages.get(locale.get(), key, shown);
    }

    public String get(UiMessage message) {
        return message == null ? "" : get(message.key(), message.args().toArray());
    }

    public StringBinding bind(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), locale);
    }

    /** Follows both the language and the message itself; an absent message reads as "". */
    public StringBinding bind(ObservableValue<UiMessage> message) {
        return Bindings.createStringBinding(() -> get(message.getValue()), locale, message);
    }
}
