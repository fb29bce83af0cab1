package dev.confab.policy;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class DeepLinkTest {

    @Test
    void aFullLinkFillsServerMeetingAndPasscode() throws Exception {
        DeepLink link = DeepLink.parse("confab://join?server=wss%3A%2F%2Fmeet.example.org%3A8443&meeting=1234567890&passcode=s3cret");

        assertThat(link.server()).hasValueSatisfying(s -> assertThat(s.text()).isEqualTo("wss://meet.example.org:8443"));
        assertThat(link.meetingId()).isEqualTo("1234567890");
        assertThat(link.passcode()).contains("s3cret");
    }

    @Test
    void spacesInTheMeetingIdAreAllowedAndServerIsOptional() throws Exception {
        assertThat(DeepLink.parse("confab://join?meeting=123+456+7890").meetingId()).isEqualTo("1234567890");
        assertThat(DeepLink.parse("confab://join?meeting=123%20456%207890").meetingId()).isEqualTo("1234567890");
        DeepLink noServer = DeepLink.parse("CONFAB://join/?meeting=1234567890");
        assertThat(noServer.server()).isEmpty();
        assertThat(noServer.passcode()).isEmpty();
    }

    @Test
    void theEmbeddedServerCanBeNamed() throws Exception {
        assertThat(DeepLink.parse("confab://join?server=this-computer&meeting=1234567890").server())
                .containsInstanceOf(ServerAddress.ThisComputer.class);
    }

    @Test
    void aParsedLinkWritesBackToAnEquivalentLink() throws Exception {
        DeepLink link = DeepLink.parse("confab://join?meeting=123 456 7890&server=wss://a.example/x&passcode=p%26q");

        assertThat(DeepLink.parse(link.toLink())).isEqualTo(link);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://join?meeting=1234567890                          | must start with confab://join?
            confab://meet?meeting=1234567890                         | must start with confab://join?
            confab://joinx?meeting=1234567890                        | nothing else after "join"
            confab://join                                            | nothing else after "join"
            confab://join?server=wss://a.example                     | no meeting ID
            confab://join?meeting=123456789                          | must be 10 digits
            confab://join?meeting=12345678901                        | must be 10 digits
            confab://join?meeting=12345abcde                         | must be 10 digits
            confab://join?meeting=1234567890&meeting=1234567890      | more than once
            confab://join?meeting=1234567890&exec=rm                 | Unknown link parameter "exec"
            confab://join?meeting=1234567890&                        | Malformed link parameter
            confab://join?=1&meeting=1234567890                      | Malformed link parameter
            confab://join?meeting=1234567890&server=ws://a.example   | must start with wss://
            confab://join?meeting=1234567890&server=https://a.example | must start with wss://
            confab://join?meeting=1234567890&server=wss://u:p@a.example | user name or password
            confab://join?meeting=1234567890&server=wss://           | Bad server in the link
            confab://join?meeting=1234567890%0a                      | control character
            confab://join?meeting=1234567890&passcode=%E4%BD%A0       | non-ASCII
            confab://join?meeting=1234567890%ZZ                      | broken %-escape
            confab://join?meeting=1234567890#x                       | '#'
            confab://join?meeting=1234567890&passcode=               | passcode must be
            """)
    void badLinksAreRefusedWithTheReason(String link, String reason) {
        assertThatThrownBy(() -> DeepLink.parse(link))
                .isInstanceOf(DeepLink.InvalidDeepLinkException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rawControlCharactersOversizedLinksAndEmptyInputAreRefused() {
        assertThatThrownBy(() -> DeepLink.parse("confab://join?meeting=1234567890\r\nX: y"))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> DeepLink.parse("confab://join?meeting=1234567890&passcode=" + "a".repeat(3000)))
                .hasMessageContaining("longer than 2048");
        assertThatThrownBy(() -> DeepLink.parse("confab://join?meeting=1234567890&passcode=" + "a".repeat(65)))
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> DeepLink.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DeepLink.parse(null)).hasMessageContaining("empty");
    }

    @Test
    void onlyConfabSchemeArgumentsLookLikeLinks() {
        assertThat(DeepLink.looksLikeDeepLink("Confab://join?x")).isTrue();
        assertThat(DeepLink.looksLikeDeepLink("--data-dir")).isFalse();
        assertThat(DeepLink.looksLikeDeepLink(null)).isFalse();
    }
}
