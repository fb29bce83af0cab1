package dev.confab.privacy;

import dev.confab.i18n.Messages;
import dev.confab.i18n.PrivacyNotice;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The privacy notice as the user reads it: the bundled text ({@link PrivacyNotice}) with its {@value #SENT} and
 * {@value #STORED} lines replaced by one bullet per kind of data in the {@link DataMap}, so the notice can
 * never list less (or more) than Confab sends and stores.
 */
public final class NoticeText {
    static final String SENT = "{sent}";
    static final String STORED = "{stored}";

    private NoticeText() {
    }

    public static String of(Locale locale) {
        return PrivacyNotice.text(locale)
                .replace(SENT, bullets(DataMap.sent(), locale))
                .replace(STORED, bullets(DataMap.stored(), locale));
    }

    /** "• Name — what Why: … Kept: … Seen by: … Your choice: …", one line per kind. */
    static String bullets(List<DataKind> kinds, Locale locale) {
        return kinds.stream().map(k -> bullet(k, locale)).collect(Collectors.joining("\n"));
    }

    public static String bullet(DataKind kind, Locale locale) {
        return "• " + Messages.get(locale, kind.key("name")) + " — " + Messages.get(locale, kind.key("what"))
                + " " + labelled(locale, "why", kind) + " " + labelled(locale, "kept", kind)
                + " " + labelled(locale, "who", kind) + " " + labelled(locale, "control", kind);
    }

    private static String labelled(Locale locale, String part, DataKind kind) {
        return Messages.get(locale, "datamap.label." + part, Messages.get(locale, kind.key(part)));
    }
}
