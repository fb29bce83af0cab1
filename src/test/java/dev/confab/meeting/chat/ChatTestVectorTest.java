package dev.confab.meeting.chat;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.confab.meeting.chat.SpecRecipe.concat;
import static dev.confab.meeting.chat.SpecRecipe.gcm;
import static dev.confab.meeting.chat.SpecRecipe.hkdfSha256;
import static dev.confab.meeting.chat.SpecRecipe.x25519;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test vector in docs/security.md section 3.2, recomputed from the documented recipe by a second, independent
 * implementation (HKDF written out with HMAC, the associated data built from the text of the spec), and then
 * decrypted by {@link ChatCrypto}. If the document and the code disagree about a single byte, this fails.
 * The vector's {@code sentAt} is written the way JavaScript's {@code toISOString()} writes it, with {@code .000}.
 */
@UnitTest
class ChatTestVectorTest {

    private static final HexFormat HEX = SpecRecipe.HEX;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final Map<String, String> vector = SpecRecipe.vector("### 3.2 Test vector");

    @Test
    void theDocumentedRecipeProducesTheDocumentedBytes() throws Exception {
        byte[] a = associatedData(vector.get("sentAt"));
        assertThat(new String(a, StandardCharsets.UTF_8).replace("\n", "\\n")).isEqualTo(vector.get("A"));

        String info = "confab-chat-v1|" + v("senderId") + "|" + v("recipientId") + "|" + v("senderPublic") + "|"
                + v("recipientPublic");
        assertThat(info).isEqualTo(v("info"));
        byte[] shared = x25519(v("senderPrivateHex"), v("recipientPublic"));
        assertThat(HEX.formatHex(shared)).isEqualTo(v("sharedSecretHex"));
        byte[] pairwise = hkdfSha256(shared, v("meetingId").getBytes(StandardCharsets.UTF_8),
                info.getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(pairwise)).isEqualTo(v("pairwiseKeyHex"));

        byte[] contentKey = HEX.parseHex(v("contentKeyHex"));
        byte[] nonce = HEX.parseHex(v("nonceHex"));
        byte[] ciphertext = gcm(contentKey, nonce, v("text").getBytes(StandardCharsets.UTF_8), a);
        assertThat(B64.encodeToString(ciphertext)).isEqualTo(v("ciphertext"));

        byte[] wrapNonce = HEX.parseHex(v("wrapNonceHex"));
        byte[] ciphertextHash = MessageDigest.getInstance("SHA-256").digest(concat(nonce, ciphertext));
        assertThat(HEX.formatHex(ciphertextHash)).isEqualTo(v("ciphertextHashHex"));
        byte[] wrapAad = concat(a, ("\nto=" + v("recipientId") + "\n").getBytes(StandardCharsets.UTF_8), ciphertextHash);
        byte[] wrapped = concat(wrapNonce, gcm(pairwise, wrapNonce, contentKey, wrapAad));
        assertThat(B64.encodeToString(wrapped)).isEqualTo(v("wrappedKey"));
    }

    @Test
    void theCodeDecryptsTheVectorWhoseSentAtHasMilliseconds() throws Exception {
        assertThat(v("sentAt")).endsWith(".000Z");
        assertThat(recipient().decrypt(Integer.parseInt(v("senderId")), v("senderPublic"), envelope(v("sentAt"))))
                .isEqualTo(v("text"));
    }

    @Test
    void theSameInstantWrittenDifferentlyIsATamperedMessage() {
        // Equal as instants, different as text: the receiver authenticates the text it received.
        String rewritten = v("sentAt").replace(".000Z", "Z");
        assertThatThrownBy(() -> recipient().decrypt(Integer.parseInt(v("senderId")), v("senderPublic"),
                envelope(rewritten)))
                .isInstanceOfSatisfying(ChatDecryptException.class,
                        e -> assertThat(e.kind()).isEqualTo(ChatDecryptException.Kind.UNDECRYPTABLE));
    }

    @Test
    void theVectorsEnvelopeSurvivesTheWireFormatWithItsSentAtUntouched() throws Exception {
        ChatEnvelope decoded = ChatWire.decode(ChatWire.encode(envelope(v("sentAt"))));
        assertThat(decoded.sentAt()).isEqualTo(v("sentAt"));
        assertThat(recipient().decrypt(Integer.parseInt(v("senderId")), v("senderPublic"), decoded)).isEqualTo(v("text"));
    }

    // ---- the recipe, written from docs/security.md -------------------------------------------------------

    private byte[] associatedData(String sentAt) {
        return String.join("\n", "confab-chat-v1", v("meetingId"), v("senderId"), v("messageId"), sentAt,
                "everyone", v("recipientId")).getBytes(StandardCharsets.UTF_8);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private ChatCrypto recipient() throws Exception {
        return new ChatCrypto(v("meetingId"), Integer.parseInt(v("recipientId")),
                SpecRecipe.keyPair(v("recipientPrivateHex"), v("recipientPublic")));
    }

    private ChatEnvelope envelope(String sentAt) {
        int recipientId = Integer.parseInt(v("recipientId"));
        return new ChatEnvelope(v("messageId"), sentAt, false, List.of(recipientId), B64.encodeToString(HEX.parseHex(v("nonceHex"))),
                v("ciphertext"), Map.of(recipientId, v("wrappedKey")));
    }

    private String v(String name) {
        String value = vector.get(name);
        if (value == null) {
            throw new AssertionError("docs/security.md's test vector has no '" + name + "'");
        }
        return value;
    }
}
