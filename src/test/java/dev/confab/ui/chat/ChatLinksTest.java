package dev.confab.ui.chat;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class ChatLinksTest {

    @Test
    void onlyHttpAndHttpsAddressesBecomeLinksWithoutTrailingPunctuation() {
        assertThat(ChatLinks.split("See https://example.org/a?b=1. And (http://x.y/z), ftp://no javascript:alert(1)"))
                .containsExactly(
                        new ChatLinks.Run("See ", false),
                        new ChatLinks.Run("https://example.org/a?b=1", true),
                        new ChatLinks.Run(". And (", false),
                        new ChatLinks.Run("http://x.y/z", true),
                        new ChatLinks.Run("), ftp://no javascript:alert(1)", false));
    }

    @Test
    void markupIsPlainText() {
        assertThat(ChatLinks.split("<a href=\"https://evil.example\">bank</a>"))
                .extracting(ChatLinks.Run::text)
                .containsExactly("<a href=\"", "https://evil.example", "\">bank</a>");
    }
}
