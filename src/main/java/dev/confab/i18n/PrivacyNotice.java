package dev.confab.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Confab's own privacy notice, bundled per language. Raise {@link #VERSION} whenever the text changes in
 * substance: users who agreed to an older version are asked again before they can continue.
 */
public final class PrivacyNotice {
    public static final int VERSION = 3;

    private PrivacyNotice() {
    }

    private static final Map<Locale, String> CACHE = new ConcurrentHashMap<>();

    public static String text(Locale locale) {
        return CACHE.computeIfAbsent(Messages.supported(locale), PrivacyNotice::load);
    }

    private static String load(Locale supported) {
        String name = supported.equals(Messages.SIMPLIFIED_CHINESE) ? "privacy-notice_zh_CN.txt" : "privacy-notice_en.txt";
        try (InputStream in = PrivacyNotice.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Privacy notice resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
