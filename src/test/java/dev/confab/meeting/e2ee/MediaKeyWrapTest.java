package dev.confab.meeting.e2ee;

import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A media key sealed for one participant opens for that participant only, from that sender, in that meeting. */
@UnitTest
class MediaKeyWrapTest {

    private final ChatKeyPair ada = ChatKeyPair.generate();
    private final ChatKeyPair bob = ChatKeyPair.generate();
    private final ChatKeyPair carol = ChatKeyPair.generate();
    private final MediaKeyWrap.Release key = new MediaKeyWrap.Release(3, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    @Test
    void opensForItsRecipientOnly() throws Exception {
        String sealed = new MediaKeyWrap("4842628111", 1, ada).seal(2, bob.publicKeyBase64(), key);
        assertThat(Base64.getDecoder().decode(sealed)).hasSize(12 + 8 + 16 + 16);

        MediaKeyWrap.Release opened = new MediaKeyWrap("4842628111", 2, bob).open(1, ada.publicKeyBase64(), sealed);
        assertThat(opened.kid()).isEqualTo(3);
        assertThat(opened.baseKey()).isEqualTo(key.baseKey());

        // Re-routed to Carol, claimed to come from Carol, or replayed into another meeting: it does not open.
        assertThatThrownBy(() -> new MediaKeyWrap("4842628111", 3, carol).open(1, ada.publicKeyBase64(), sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new MediaKeyWrap("4842628111", 2, bob).open(3, carol.publicKeyBase64(), sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new MediaKeyWrap("4842628112", 2, bob).open(1, ada.publicKeyBase64(), sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new MediaKeyWrap("4842628111", 2, bob).open(1, ada.publicKeyBase64(), "not base64!"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void thePrivacyCodeIsTheSameInAnyOrderAndChangesWithAnyKey() {
        String code = PrivacyCode.of("4842628111", List.of(ada.publicKeyBase64(), bob.publicKeyBase64()));
        assertThat(code).matches("\\d{5}( \\d{5}){5}");
        assertThat(PrivacyCode.of("4842628111", List.of(bob.publicKeyBase64(), ada.publicKeyBase64()))).isEqualTo(code);
        assertThat(PrivacyCode.of("4842628111", List.of(carol.publicKeyBase64(), bob.publicKeyBase64()))).isNotEqualTo(code);
        assertThat(PrivacyCode.of("4842628112", List.of(ada.publicKeyBase64(), bob.publicKeyBase64()))).isNotEqualTo(code);
    }
}
