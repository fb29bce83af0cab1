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
        return "• " + Messages.get(locale, kind.key("name")) + " — " + details(kind, locale);
    }

    /** What, why, how long, who sees it and the user's choice, in one paragraph. */
    public static String details(DataKind kind, Locale locale) {
        // Chinese sentences end in a full-width stop and take no space after it.
        String gap = Messages.supported(locale).equals(Messages.SIMPLIFIED_CHINESE) ? "" : " ";
        return Messages.get(locale, kind.key("what")) + gap + labelled(locale, "why", kind) + gap
                + labelled(locale, "kept", kind) + gap + labelled(locale, "who", kind) + gap
                + labelled(locale, "control", kind);
    }

    private static String labelled(Locale locale, String part, DataKind kind) {
        return Messages.get(locale, "datamap.label." + part, Messages.get(locale, kind.key(part)));
    }
}
