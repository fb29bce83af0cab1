package dev.confab.meeting.chat;

import dev.confab.meeting.e2ee.MediaKeyWrap;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static dev.confab.meeting.chat.SpecRecipe.HEX;
import static dev.confab.meeting.chat.SpecRecipe.concat;
import static dev.confab.meeting.chat.SpecRecipe.gcm;
import static dev.confab.meeting.chat.SpecRecipe.hkdfSha256;
import static dev.confab.meeting.chat.SpecRecipe.x25519;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sealed media key of docs/security.md section 9.8, recomputed from section 9.3's recipe by the independent
 * primitives of {@link SpecRecipe}, then opened by the product's {@link MediaKeyWrap} as the recipient would.
 */
@UnitTest
class MediaKeyTestVectorTest {
    private final Map<String, String> vector = SpecRecipe.vector("### 9.8 Test vector: a sealed media key");

    @Test
    void theDocumentedRecipeProducesTheDocumentedSealedKey() throws Exception {
        String info = "confab-media-v1|" + v("senderId") + "|" + v("recipientId") + "|" + v("senderPublic") + "|"
                + v("recipientPublic");
        assertThat(info).isEqualTo(v("info"));
        byte[] pairwise = hkdfSha256(x25519(v("senderPrivateHex"), v("recipientPublic")),
                v("meetingId").getBytes(StandardCharsets.US_ASCII), info.getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(pairwise)).isEqualTo(v("pairwiseKeyHex"));
        byte[] aad = String.join("\n", "confab-media-v1", v("meetingId"), v("senderId"), v("recipientId"))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(aad, StandardCharsets.UTF_8).replace("\n", "\\n")).isEqualTo(v("A"));
        byte[] plain = ByteBuffer.allocate(24).putLong(Long.parseLong(v("kid"))).put(HEX.parseHex(v("baseKeyHex"))).array();
        assertThat(HEX.formatHex(plain)).isEqualTo(v("plaintextHex"));
        byte[] nonce = HEX.parseHex(v("nonceHex"));
        String sealed = Base64.getEncoder().encodeToString(concat(nonce, gcm(pairwise, nonce, plain, aad)));
        assertThat(sealed).isEqualTo(v("sealedKey"));
    }

    @Test
    void theRecipientOpensTheDocumentedKeyAndNobodyElseDoes() throws Exception {
        MediaKeyWrap recipient = new MediaKeyWrap(v("meetingId"), Integer.parseInt(v("recipientId")),
                SpecRecipe.keyPair(v("recipientPrivateHex"), v("recipientPublic")));
        MediaKeyWrap.Release release = recipient.open(Integer.parseInt(v("senderId")), v("senderPublic"), v("sealedKey"));
        assertThat(release.kid()).isEqualTo(Long.parseLong(v("kid")));
        assertThat(HEX.formatHex(release.baseKey())).isEqualTo(v("baseKeyHex"));

        MediaKeyWrap otherMeeting = new MediaKeyWrap("1111111111", Integer.parseInt(v("recipientId")),
                SpecRecipe.keyPair(v("recipientPrivateHex"), v("recipientPublic")));
        assertThatThrownBy(() -> otherMeeting.open(Integer.parseInt(v("senderId")), v("senderPublic"), v("sealedKey")))
                .as("bound to its meeting").isInstanceOf(java.security.GeneralSecurityException.class);
    }

    private String v(String name) {
        String value = vector.get(name);
        if (value == null) {
            throw new AssertionError("docs/security.md's media-key test vector has no '" + name + "'");
        }
        return value;
    }
}
