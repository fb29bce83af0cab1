package dev.confab.protocol;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class DisplayNameRuleTest {

    @Test
    void namesAreNormalisedTrimmedAndTheirSpacesCollapsed() {
        assertThat(DisplayNameRule.check("  Ada   Lovelace  ").name()).isEqualTo("Ada Lovelace");
        assertThat(DisplayNameRule.check("Ada\u00A0\u3000Lovelace").name()).as("no-break and ideographic spaces")
                .isEqualTo("Ada Lovelace");
        assertThat(DisplayNameRule.check("Jose\u0301").name()).as("NFC: e + combining acute is é").isEqualTo("Jos\u00E9");
        assertThat(DisplayNameRule.check("王小明").name()).isEqualTo("王小明");
        assertThat(DisplayNameRule.check("Ada 👋").name()).isEqualTo("Ada 👋");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Ada\u202Egnp.exe",   // RIGHT-TO-LEFT OVERRIDE (Cf)
            "Ada\u2066x\u2069",   // bidi isolates (Cf)
            "Li\u200Bn",          // ZERO WIDTH SPACE (Cf)
            "Li\u200Dn",          // ZERO WIDTH JOINER between Latin letters draws nothing
            "Li\u200Cn",          // ZERO WIDTH NON-JOINER between Latin letters draws nothing
            "Ada\u200D",          // a joiner at the end
            "\u200C\u0645\u0647\u0631",  // a non-joiner before a Persian name joins nothing
            "Ada\u200D\uD83D\uDC4B",  // a joiner between a letter and an emoji
            "\uFEFFLin",          // BOM / zero-width no-break space (Cf)
            "Ad\u00ADa",          // SOFT HYPHEN (Cf)
            "Ada\u0007",          // BEL (Cc)
            "Ada\nLovelace",      // line feed (Cc)
            "Ada\tLovelace",      // tab (Cc)
            "Ada\u2028Lovelace",  // LINE SEPARATOR (Zl)
            "Ada\u2029",          // PARAGRAPH SEPARATOR (Zp)
            "Ada\uE000",          // private use (Co)
            "Ada\uD800",          // lone surrogate (Cs)
            "Ada\u0378"           // unassigned (Cn)
    })
    void invisibleFormattingAndControlCharactersAreRefusedAndNamed(String raw) {
        DisplayNameRule.Result result = DisplayNameRule.check(raw);
        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).isEqualTo(DisplayNameRule.Problem.HIDDEN_CHARACTER);
        assertThat(result.wireReason()).startsWith("field \"displayName\"").contains(result.codePointLabel());
    }

    @Test
    void joinersAreKeptWhereTheyChangeWhatIsDrawn() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(DisplayNameRule.check("Ada " + family).name()).as("emoji family").isEqualTo("Ada " + family);
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
        assertThat(DisplayNameRule.check(rainbowFlag).valid()).as("emoji with a presentation selector").isTrue();
        String mehrnaz = "\u0645\u0647\u0631\u200C\u0646\u0627\u0632";
        assertThat(DisplayNameRule.check(mehrnaz).name()).as("Persian name with a non-joiner").isEqualTo(mehrnaz);
        String hindi = "\u0915\u094D\u200D\u0937";
        assertThat(DisplayNameRule.check(hindi).valid()).as("Devanagari half form").isTrue();
    }

    @Test
    void theReasonNamesTheOffendingCodePoint() {
        DisplayNameRule.Result result = DisplayNameRule.check("Ada\u202Egnp.exe");
        assertThat(result.codePointLabel()).isEqualTo("U+202E");
        assertThat(result.wireReason()).isEqualTo(
                "field \"displayName\" must not contain invisible, formatting or control characters (found U+202E)");
    }

    @Test
    void lengthIsCountedInCodePointsAfterNormalising() {
        assertThat(DisplayNameRule.check("李".repeat(64)).valid()).isTrue();
        assertThat(DisplayNameRule.check("😀".repeat(64)).valid()).isTrue();
        assertThat(DisplayNameRule.check("a".repeat(65)).problem()).isEqualTo(DisplayNameRule.Problem.TOO_LONG);
        assertThat(DisplayNameRule.check(" " + "a".repeat(64) + " ").valid()).isTrue();
        assertThat(DisplayNameRule.check("a".repeat(65)).wireReason())
                .isEqualTo("field \"displayName\" must be at most 64 characters");
    }

    @Test
    void emptyOrOnlySpacesIsRefused() {
        assertThat(DisplayNameRule.check("").problem()).isEqualTo(DisplayNameRule.Problem.EMPTY);
        assertThat(DisplayNameRule.check(" \u00A0 \u3000 ").problem()).isEqualTo(DisplayNameRule.Problem.EMPTY);
        assertThat(DisplayNameRule.check(null).problem()).isEqualTo(DisplayNameRule.Problem.EMPTY);
    }
}
