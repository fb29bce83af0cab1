package dev.confab.meeting.chat;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealed annotation of docs/security.md section 13.2 (the keys of section 3.2), recomputed from the documented
 * recipe and opened by {@link ChatCrypto}: a client that produces these bytes interoperates.
 */
@UnitTest
class AnnotationTestVectorTest {

    private static final HexFormat HEX = SpecRecipe.HEX;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final Map<String, String> keys = SpecRecipe.vector("### 3.2 Test vector");
    private final Map<String, String> vector = SpecRecipe.vector("### 13.2 Test vector");

    @Test
    void theDocumentedRecipeProducesTheDocumentedSealedAnnotationAndConfabOpensIt() throws Exception {
        String text = v("text").replace("\\n", "\n");
        assertThat(text).startsWith("confab-annotation-v1\n" + k("senderId") + "\n{");
        byte[] a = String.join("\n", "confab-chat-v1", k("meetingId"), k("senderId"), v("messageId"), v("sentAt"),
                "private", k("recipientId")).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(a, StandardCharsets.UTF_8).replace("\n", "\\n")).isEqualTo(v("A"));

        String info = "confab-chat-v1|" + k("senderId") + "|" + k("recipientId") + "|" + k("senderPublic") + "|"
                + k("recipientPublic");
        byte[] pairwise = SpecRecipe.hkdfSha256(SpecRecipe.x25519(k("senderPrivateHex"), k("recipientPublic")),
                k("meetingId").getBytes(StandardCharsets.UTF_8), info.getBytes(StandardCharsets.UTF_8));
        byte[] contentKey = HEX.parseHex(v("contentKeyHex"));
        byte[] nonce = HEX.parseHex(v("nonceHex"));
        byte[] ciphertext = SpecRecipe.gcm(contentKey, nonce, text.getBytes(StandardCharsets.UTF_8), a);
        assertThat(B64.encodeToString(ciphertext)).isEqualTo(v("ciphertext"));

        byte[] wrapNonce = HEX.parseHex(v("wrapNonceHex"));
        byte[] ciphertextHash = MessageDigest.getInstance("SHA-256").digest(SpecRecipe.concat(nonce, ciphertext));
        byte[] wrapAad = SpecRecipe.concat(a, ("\nto=" + k("recipientId") + "\n").getBytes(StandardCharsets.UTF_8),
                ciphertextHash);
        byte[] wrapped = SpecRecipe.concat(wrapNonce, SpecRecipe.gcm(pairwise, wrapNonce, contentKey, wrapAad));
        assertThat(B64.encodeToString(wrapped)).isEqualTo(v("wrappedKey"));

        int recipientId = Integer.parseInt(k("recipientId"));
        ChatEnvelope envelope = new ChatEnvelope(v("messageId"), v("sentAt"), true, List.of(recipientId),
                B64.encodeToString(nonce), v("ciphertext"), Map.of(recipientId, v("wrappedKey")));
        ChatCrypto recipient = new ChatCrypto(k("meetingId"), recipientId,
                SpecRecipe.keyPair(k("recipientPrivateHex"), k("recipientPublic")));
        assertThat(recipient.decrypt(Integer.parseInt(k("senderId")), k("senderPublic"), ChatWire.decode(ChatWire.encode(envelope))))
                .isEqualTo(text);
    }

    private String k(String name) {
        return keys.get(name);
    }

    private String v(String name) {
        String value = vector.get(name);
        if (value == null) {
            throw new AssertionError("docs/security.md section 13.2 has no '" + name + "'");
        }
        return value;
    }
}
