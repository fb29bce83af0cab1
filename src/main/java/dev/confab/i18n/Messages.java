package dev.confab.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible strings of Confab in the supported languages. English is the base bundle; a key missing
 * from a translation falls back to English, and a key missing everywhere shows as {@code !key!} so a
 * forgotten string is visible in screenshots rather than crashing.
 */
public final class Messages {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SIMPLIFIED_CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SIMPLIFIED_CHINESE);

    private static final String BUNDLE = "dev.confab.i18n.messages";
    // Without this control, asking for English on a Chinese OS would fall back to the OS locale's bundle.
    private static final ResourceBundle.Control NO_OS_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_OS_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** The supported locale closest to {@code requested}: any Chinese maps to Simplified Chinese, else English. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? SIMPLIFIED_CHINESE : ENGLISH;
    }

    /** Settings store languages as BCP-47 tags; null or unknown means "follow the OS". */
    public static Locale fromTag(String tag, Locale osLocale) {
        return supported(tag == null || tag.isBlank() ? osLocale : Locale.forLanguageTag(tag));
    }

    public static String tag(Locale locale) {
        return supported(locale).toLanguageTag();
    }
}
