package dev.confab.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safety net under Confab's logging rule (no chat text, passcodes, keys or tokens in logs): masks
 * {@code passcode=…}-style pairs and long runs of base64/hex that look like keys or tokens. Log statements
 * must still not include such values; this only catches mistakes, e.g. in an exception message.
 */
public final class Redactor {
    static final String MASK = "***";
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)(passcode|password|passwd|secret|token|resumetoken|resume_token|key|apikey|api_key|authorization)"
                    + "(\"?\\s*[=:]\\s*\"?)([^\\s\",;}&]+)");
    // 32+ characters of base64/base64url/hex with at least one digit: keys, tokens, ciphertext.
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+/_-]{32,}={0,2}");

    private Redactor() {
    }

    public static String redact(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String pairsMasked = SECRET_PAIR.matcher(line).replaceAll(m ->
                "false".equalsIgnoreCase(m.group(3)) || "true".equalsIgnoreCase(m.group(3))
                        ? Matcher.quoteReplacement(m.group())
                        : Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        return OPAQUE.matcher(pairsMasked).replaceAll(m ->
                m.group().chars().anyMatch(Character::isDigit) ? MASK : Matcher.quoteReplacement(m.group()));
    }
}
