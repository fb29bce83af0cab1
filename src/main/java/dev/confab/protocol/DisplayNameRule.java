package dev.confab.protocol;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a display name may be, shared by the server (which enforces it) and the client's lobby (which explains it
 * before joining). A name is shown to everyone next to their video and chat, so it must look like what it is:
 * no bidi overrides that reverse the text after them (U+202E RIGHT-TO-LEFT OVERRIDE turns "Ada", U+202E, "gnp.exe"
 * into something that reads "Adaexe.png"), no zero-width or other invisible characters that make "Lin" and "Li",
 * U+200B, "n" two different names that look the same, no control or line-breaking characters.
 * <p>
 * The rule, in order: normalise to Unicode NFC (so "é" typed two ways is one name); refuse any character of
 * general category Cc (control), Cf (format: bidi controls, zero-width characters, soft hyphen, ...), Zl, Zp
 * (line and paragraph separators), Co (private use), Cs (a lone surrogate) or Cn (unassigned); turn every run of
 * space characters (category Zs) into one ordinary space; trim; then 1 to {@value #MAX_CODE_POINTS} code points.
 * Two format characters are allowed where they are seen: U+200D joining two emoji into one (a family, a flag),
 * and U+200C/U+200D between letters of a joining script (Persian and Hindi names need them).
 */
public final class DisplayNameRule {

    /** Longest name, in Unicode code points (so 64 Chinese characters or emoji fit, not 64 UTF-16 units). */
    public static final int MAX_CODE_POINTS = 64;

    /** Why a name is refused. */
    public enum Problem { EMPTY, TOO_LONG, HIDDEN_CHARACTER }

    /**
     * The outcome of {@link #check}: the normalised name, or the problem.
     *
     * @param name      the name to use (normalised, trimmed, collapsed), or null when refused
     * @param problem   null when accepted
     * @param codePoint the offending character for {@link Problem#HIDDEN_CHARACTER}, else -1
     */
    public record Result(String name, Problem problem, int codePoint) {

        public boolean valid() {
            return problem == null;
        }

        /** "U+202E", how the offending character is named in messages (it cannot be shown itself). */
        public String codePointLabel() {
            return codePoint < 0 ? "" : String.format(Locale.ROOT, "U+%04X", codePoint);
        }

        /** The English reason sent in the server's INVALID_MESSAGE, naming the field. */
        public String wireReason() {
            return wireReason("displayName");
        }

        /** As {@link #wireReason()} for another field checked by this rule (the meeting's {@code topic}). */
        public String wireReason(String field) {
            return switch (problem) {
                case EMPTY -> "field \"" + field + "\" must not be empty or only spaces";
                case TOO_LONG -> "field \"" + field + "\" must be at most " + MAX_CODE_POINTS + " characters";
                case HIDDEN_CHARACTER -> "field \"" + field + "\" must not contain invisible, formatting or control "
                        + "characters (found " + codePointLabel() + ")";
                case null -> "";
            };
        }
    }

    private DisplayNameRule() {
    }

    public static Result check(String raw) {
        String name = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFC);
        int hidden = firstHidden(name);
        if (hidden >= 0) {
            return new Result(null, Problem.HIDDEN_CHARACTER, hidden);
        }
        name = collapseSpaces(name).strip();
        if (name.isEmpty()) {
            return new Result(null, Problem.EMPTY, -1);
        }
        if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
            return new Result(null, Problem.TOO_LONG, -1);
        }
        return new Result(name, null, -1);
    }

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int EMOJI_PRESENTATION = 0xFE0F;

    /** The first refused character, or -1; the two joiners are allowed only where they change what is drawn. */
    private static int firstHidden(String name) {
        int[] cps = name.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp == ZERO_WIDTH_JOINER || cp == ZERO_WIDTH_NON_JOINER) {
                if (!visibleJoiner(cps, i)) {
                    return cp;
                }
            } else if (isHidden(cp)) {
                return cp;
            }
        }
        return -1;
    }

    /**
     * U+200D between two emoji builds one picture (a family, a rainbow flag), and U+200C/U+200D between letters
     * of a joining script (Arabic, Persian, the Indic scripts, ...) changes the letters' shapes: both are seen.
     * Anywhere else (between Latin, Cyrillic, Greek or Han letters, at either end) a joiner draws nothing and
     * only makes two names that look the same differ, so it is refused.
     */
    private static boolean visibleJoiner(int[] cps, int at) {
        if (at == 0 || at == cps.length - 1) {
            return false;
        }
        int before = cps[at - 1] == EMOJI_PRESENTATION && at >= 2 ? cps[at - 2] : cps[at - 1];
        int after = cps[at + 1];
        if (cps[at] == ZERO_WIDTH_JOINER && Character.isExtendedPictographic(before)
                && Character.isExtendedPictographic(after)) {
            return true;
        }
        return inJoiningScript(before) && inJoiningScript(after);
    }

    private static boolean inJoiningScript(int codePoint) {
        if (!Character.isLetter(codePoint) && Character.getType(codePoint) != Character.NON_SPACING_MARK
                && Character.getType(codePoint) != Character.COMBINING_SPACING_MARK) {
            return false;
        }
        return switch (Character.UnicodeScript.of(codePoint)) {
            case ARABIC, SYRIAC, NKO, MANDAIC, MONGOLIAN, DEVANAGARI, BENGALI, GURMUKHI, GUJARATI, ORIYA, TAMIL,
                 TELUGU, KANNADA, MALAYALAM, SINHALA, KHMER, MYANMAR, TIBETAN -> true;
            default -> false;
        };
    }

    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** Every run of space characters (ASCII, no-break, ideographic, ...) becomes a single ASCII space. */
    private static String collapseSpaces(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean inSpace = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.appendCodePoint(cp);
                inSpace = false;
            }
        }
        return out.toString();
    }
}
