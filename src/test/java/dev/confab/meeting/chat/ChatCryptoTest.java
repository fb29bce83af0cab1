package dev.confab.meeting.chat;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class ChatCryptoTest {

    private static final String MEETING = "4842628111";
    private final ChatKeyPair ada = ChatKeyPair.generate();
    private final ChatKeyPair grace = ChatKeyPair.generate();
    private final ChatKeyPair lin = ChatKeyPair.generate();
    private final ChatCrypto adaCrypto = new ChatCrypto(MEETING, 1, ada);
    private final ChatCrypto graceCrypto = new ChatCrypto(MEETING, 2, grace);
    private final ChatCrypto linCrypto = new ChatCrypto(MEETING, 3, lin);

    @Test
    void everyoneListedDecryptsAndTheCiphertextHidesTheText() throws Exception {
        ChatEnvelope envelope = adaCrypto.encrypt("hello 你好 👋", Map.of(2, key(grace), 3, key(lin)), false);

        assertThat(graceCrypto.decrypt(1, key(ada), envelope)).isEqualTo("hello 你好 👋");
        assertThat(linCrypto.decrypt(1, key(ada), envelope)).isEqualTo("hello 你好 👋");
        assertThat(envelope.recipients()).containsExactly(2, 3);
        assertThat(envelope.direct()).isFalse();
        assertThat(ChatWire.encode(envelope)).doesNotContain("hello");
        assertThat(new String(Base64.getDecoder().decode(ChatWire.encode(envelope)))).doesNotContain("hello");
    }

    @Test
    void aPrivateMessageCannotBeReadBySomeoneItWasNotEncryptedFor() throws Exception {
        ChatEnvelope envelope = adaCrypto.encrypt("just for Grace", Map.of(2, key(grace)), true);

        assertThat(graceCrypto.decrypt(1, key(ada), envelope)).isEqualTo("just for Grace");
        assertThatThrownBy(() -> linCrypto.decrypt(1, key(ada), envelope))
                .isInstanceOf(ChatDecryptException.class)
                .extracting(e -> ((ChatDecryptException) e).kind()).isEqualTo(ChatDecryptException.Kind.NOT_FOR_US);
    }

    @Test
    void tamperedCiphertextFailsToDecrypt() throws Exception {
        ChatEnvelope envelope = adaCrypto.encrypt("pay 10 EUR", Map.of(2, key(grace)), false);
        byte[] ct = Base64.getDecoder().decode(envelope.ciphertext());
        ct[0] ^= 1;
        ChatEnvelope tampered = new ChatEnvelope(envelope.messageId(), envelope.sentAt(), envelope.direct(),
                envelope.recipients(), envelope.nonce(), Base64.getEncoder().encodeToString(ct), envelope.keys());

        assertUndecryptable(() -> graceCrypto.decrypt(1, key(ada), tampered));
    }

    @Test
    void theServerCannotRelabelAPrivateMessageAsPublicOrAttributeItToSomeoneElse() throws Exception {
        ChatEnvelope envelope = adaCrypto.encrypt("secret", Map.of(2, key(grace)), true);
        ChatEnvelope relabelled = new ChatEnvelope(envelope.messageId(), envelope.sentAt(), false,
                envelope.recipients(), envelope.nonce(), envelope.ciphertext(), envelope.keys());

        assertUndecryptable(() -> graceCrypto.decrypt(1, key(ada), relabelled));
        assertUndecryptable(() -> graceCrypto.decrypt(3, key(lin), envelope));
        assertUndecryptable(() -> new ChatCrypto("1111111111", 2, grace).decrypt(1, key(ada), envelope));
    }

    @Test
    void aRecipientCannotForgeAMessageInTheSendersNameToAnotherRecipient() throws Exception {
        ChatEnvelope original = adaCrypto.encrypt("meet at 5", Map.of(2, key(grace), 3, key(lin)), false);
        // Grace re-encrypts her own text and reuses Lin's wrapped key: the wrapped key binds the old ciphertext.
        ChatEnvelope forged = graceCrypto.encrypt("meet at 6", Map.of(3, key(lin)), false);
        Map<Integer, String> keys = new HashMap<>(original.keys());
        ChatEnvelope spliced = new ChatEnvelope(original.messageId(), original.sentAt(), false, original.recipients(),
                forged.nonce(), forged.ciphertext(), keys);

        assertUndecryptable(() -> linCrypto.decrypt(1, key(ada), spliced));
    }

    @Test
    void aSwappedPublicKeyChangesTheSecurityCode() {
        ChatKeyPair mallory = ChatKeyPair.generate();
        String honest = SecurityCode.of(MEETING, Map.of(1, key(ada), 2, key(grace)));
        String asAdaSeesIt = SecurityCode.of(MEETING, Map.of(1, key(ada), 2, key(mallory)));

        assertThat(honest).matches("\\d{4}( \\d{4}){4}");
        assertThat(asAdaSeesIt).isNotEqualTo(honest);
        assertThat(SecurityCode.of(MEETING, Map.of(2, key(grace), 1, key(ada)))).isEqualTo(honest);
        assertThat(SecurityCode.of("1111111111", Map.of(1, key(ada), 2, key(grace)))).isNotEqualTo(honest);
    }

    @Test
    void garbageInsteadOfAnEnvelopeIsReportedNotThrownAsRuntimeError() {
        assertUndecryptable(() -> ChatWire.decode("not base64!"));
        assertUndecryptable(() -> ChatWire.decode(Base64.getEncoder().encodeToString("{\"x\":1}".getBytes())));
        assertThatThrownBy(() -> ChatKeyPair.decodeRaw("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnusableRosterKeyIsRefusedInsteadOfEncryptingToIt() {
        String allZero = Base64.getEncoder().encodeToString(new byte[32]); // a small-order point
        assertThatThrownBy(() -> adaCrypto.encrypt("x", Map.of(2, allZero), false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> adaCrypto.encrypt("x", Map.of(2, "AAAA"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayGuardAcceptsEachIdOncePerSender() {
        ReplayGuard guard = new ReplayGuard();
        assertThat(guard.firstTime(1, "m")).isTrue();
        assertThat(guard.firstTime(1, "m")).isFalse();
        assertThat(guard.firstTime(2, "m")).isTrue();
    }

    @Test
    void envelopeRoundTripsThroughTheWireFormat() throws Exception {
        ChatEnvelope envelope = adaCrypto.encrypt("x", Map.of(2, key(grace)), true);
        assertThat(ChatWire.decode(ChatWire.encode(envelope))).isEqualTo(envelope);
        assertThat(List.of(envelope.keys().keySet().toArray())).containsExactly(2);
    }

    private static String key(ChatKeyPair keys) {
        return keys.publicKeyBase64();
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static void assertUndecryptable(Failing action) {
        assertThatThrownBy(action::run).isInstanceOf(ChatDecryptException.class)
                .extracting(e -> ((ChatDecryptException) e).kind()).isEqualTo(ChatDecryptException.Kind.UNDECRYPTABLE);
    }
}
