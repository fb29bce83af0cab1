package dev.confab.ui.lobby;

import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class LobbyValidationTest {
    private static String key(java.util.Optional<UiMessage> m) {
        return m.map(UiMessage::key).orElse(null);
    }

    @Test
    void displayNameIsTrimmedAndLimitedTo64Characters() {
        assertThat(key(LobbyValidation.displayName("  Ada  "))).isNull();
        assertThat(key(LobbyValidation.displayName("   "))).isEqualTo("lobby.error.nameRequired");
        assertThat(key(LobbyValidation.displayName("a".repeat(64)))).isNull();
        assertThat(key(LobbyValidation.displayName(" " + "a".repeat(64) + " "))).isNull();
        assertThat(key(LobbyValidation.displayName("a".repeat(65)))).isEqualTo("lobby.error.nameTooLong");
        // 64 CJK characters or emoji count as 64, not as their UTF-16 length
        assertThat(key(LobbyValidation.displayName("😀".repeat(64)))).isNull();
        assertThat(key(LobbyValidation.displayName("李".repeat(64)))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000", "Ada\nLovelace", "A\tB", "\u007fAda", "Ada\u2028Lovelace"})
    void displayNameRejectsControlCharacters(String name) {
        assertThat(key(LobbyValidation.displayName(name))).isEqualTo("lobby.error.nameControl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u202Egnp.exe", "Li\u200Bn", "\u200DLin", "Lin\uFEFF", "A\u2066da\u2069", "Ada\u00ADm",
            "Ada\u200F", "Ada\uE000", "Ada\u2029"})
    void displayNameRejectsInvisibleAndBidiCharactersNamingTheCharacter(String name) {
        var message = LobbyValidation.displayName(name);
        assertThat(key(message)).isEqualTo("lobby.error.nameControl");
        assertThat(message.orElseThrow().args().getFirst().toString()).matches("U\\+[0-9A-F]{4}");
    }

    @Test
    void theReasonNamesTheHiddenCharacterInEnglishAndChinese() {
        var message = LobbyValidation.displayName("Ada\u202Egnp.exe").orElseThrow();
        assertThat(message.args()).containsExactly("U+202E");
        assertThat(new UiText(java.util.Locale.ENGLISH).get(message.key(), message.args().toArray()))
                .contains("U+202E").contains("someone else's");
        assertThat(new UiText(java.util.Locale.SIMPLIFIED_CHINESE).get(message.key(), message.args().toArray()))
                .contains("U+202E").contains("隐藏字符");
    }

    @Test
    void theNameSentIsNormalisedLikeTheServerDoes() {
        assertThat(LobbyValidation.normalizedDisplayName("  Ada \u00A0\u3000 Lovelace ")).isEqualTo("Ada Lovelace");
        assertThat(LobbyValidation.normalizedDisplayName("Jose\u0301")).isEqualTo("Jos\u00E9");
        assertThat(key(LobbyValidation.displayName("\u00A0\u3000"))).isEqualTo("lobby.error.nameRequired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss://meet.example.org", "WSS://meet.example.org:8443", "wss://10.0.0.5:443/confab", "wss://[::1]:9000"})
    void secureServerAddressesAreAccepted(String address) {
        assertThat(key(LobbyValidation.serverAddress(address))).isNull();
        assertThat(LobbyValidation.parseServer(address).getScheme()).isEqualTo("wss");
    }

    @Test
    void serverAddressErrorsSayWhatIsWrong() {
        assertThat(key(LobbyValidation.serverAddress(""))).isEqualTo("lobby.error.serverRequired");
        assertThat(key(LobbyValidation.serverAddress("ws://meet.example.org"))).isEqualTo("lobby.error.serverScheme");
        assertThat(key(LobbyValidation.serverAddress("https://meet.example.org"))).isEqualTo("lobby.error.serverScheme");
        assertThat(key(LobbyValidation.serverAddress("meet.example.org"))).isEqualTo("lobby.error.serverScheme");
        assertThat(key(LobbyValidation.serverAddress("wss://"))).isEqualTo("lobby.error.serverInvalid");
        assertThat(key(LobbyValidation.serverAddress("wss://bad host"))).isEqualTo("lobby.error.serverInvalid");
        assertThat(key(LobbyValidation.serverAddress("wss://user:pw@meet.example.org"))).isEqualTo("lobby.error.serverInvalid");
        assertThat(key(LobbyValidation.serverAddress("wss://meet.example.org:70000"))).isEqualTo("lobby.error.serverInvalid");
        assertThat(LobbyValidation.parseServer(" WSS://Meet.example.org:8443 ")).isEqualTo(URI.create("wss://Meet.example.org:8443"));
    }

    @Test
    void meetingIdNeedsExactlyTenDigitsInAnyGrouping() {
        assertThat(key(LobbyValidation.meetingId("123 456 7890"))).isNull();
        assertThat(key(LobbyValidation.meetingId("123-456-7890"))).isNull();
        assertThat(key(LobbyValidation.meetingId(""))).isEqualTo("lobby.error.meetingIdRequired");
        assertThat(key(LobbyValidation.meetingId("123 45"))).isEqualTo("lobby.error.meetingIdLength");
        assertThat(key(LobbyValidation.meetingId("12345678901"))).isEqualTo("lobby.error.meetingIdLength");
    }

    @Test
    void passcodeIsOptionalButBounded() {
        assertThat(key(LobbyValidation.passcode(""))).isNull();
        assertThat(key(LobbyValidation.passcode("s3cret!"))).isNull();
        assertThat(key(LobbyValidation.passcode("x".repeat(65)))).isEqualTo("lobby.error.passcodeInvalid");
        assertThat(key(LobbyValidation.passcode("a\nb"))).isEqualTo("lobby.error.passcodeInvalid");
    }

    @Test
    void meetingIdsAreGroupedThreeThreeFour() {
        assertThat(MeetingIds.group("1234567890")).isEqualTo("123 456 7890");
        assertThat(MeetingIds.group("1234")).isEqualTo("123 4");
        assertThat(MeetingIds.group("")).isEmpty();
        assertThat(MeetingIds.digitsOf("a1-2 3")).isEqualTo("123");
    }
}
