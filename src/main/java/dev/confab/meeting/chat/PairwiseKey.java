package dev.confab.meeting.chat;

import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The directional AES-256 key from one participant to another that only those two can derive (docs/security.md
 * section 3): HKDF-SHA256 over their X25519 shared secret, salted with the meeting id, with an info string that
 * names the purpose ({@code confab-chat-v1} for chat, {@code confab-media-v1} for media keys), both ids and both
 * public keys, sender first. Chat and media use different purposes, so a key of one never opens the other.
 */
public final class PairwiseKey {

    private static final int KEY_BYTES = 32;

    private PairwiseKey() {
    }

    /**
     * @param self      this participant's key pair (either end of the pair)
     * @param peerRaw   the other participant's raw 32-byte public key
     * @param senderPub the sending side's raw public key, {@code recipientPub} the receiving side's
     */
    public static SecretKey derive(ChatKeyPair self, byte[] peerRaw, String purpose, String meetingId, int senderId,
                                   byte[] senderPub, int recipientId, byte[] recipientPub) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(self.keyPair().getPrivate());
        agreement.doPhase(ChatKeyPair.publicKey(peerRaw), true);
        byte[] shared = agreement.generateSecret(); // the JDK rejects small-order points (all-zero secrets)
        Base64.Encoder b64 = Base64.getEncoder();
        String info = purpose + "|" + senderId + "|" + recipientId + "|" + b64.encodeToString(senderPub) + "|"
                + b64.encodeToString(recipientPub);
        var spec = HKDFParameterSpec.ofExtract().addIKM(shared).addSalt(meetingId.getBytes(StandardCharsets.UTF_8))
                .thenExpand(info.getBytes(StandardCharsets.UTF_8), KEY_BYTES);
        return KDF.getInstance("HKDF-SHA256").deriveKey("AES", spec);
    }
}
