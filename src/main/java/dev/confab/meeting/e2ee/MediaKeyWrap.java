package dev.confab.meeting.e2ee;

import dev.confab.meeting.chat.AesGcm;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.PairwiseKeys;

import javax.crypto.SecretKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals a sender's media key for one recipient, over the same pairwise X25519 channel as chat but under its own
 * purpose ({@code confab-media-v1}), and opens such a key from a sender (docs/security.md section 9.3). The server
 * relays the sealed key and cannot read it: {@code base64(nonce ‖ AES-256-GCM(K_sr, nonce, KID ‖ base key, AAD))},
 * AAD = {@code confab-media-v1\n<meeting id>\n<sender id>\n<recipient id>}.
 */
public final class MediaKeyWrap {

    static final String PURPOSE = "confab-media-v1";
    public static final int BASE_KEY_BYTES = 16;
    private static final int PLAIN_BYTES = Long.BYTES + BASE_KEY_BYTES;

    private final String meetingId;
    private final int selfId;
    private final ChatKeyPair self;
    private final SecureRandom random = new SecureRandom();
    private final PairwiseKeys pairwiseKeys;

    /** One sender key as it travels inside the sealed message. */
    public record Release(long kid, byte[] baseKey) {
    }

    public MediaKeyWrap(String meetingId, int selfId, ChatKeyPair self) {
        this.meetingId = meetingId;
        this.selfId = selfId;
        this.self = self;
        this.pairwiseKeys = new PairwiseKeys(self, meetingId);
    }

    /** {@code release} sealed for {@code recipientId}, whose roster public key is {@code recipientKey} (base64). */
    public String seal(int recipientId, String recipientKey, Release release) throws GeneralSecurityException {
        byte[] theirs = ChatKeyPair.decodeRaw(recipientKey);
        SecretKey pairwise = pairwiseKeys.get(theirs, PURPOSE, selfId, self.rawPublic(), recipientId, theirs);
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = ByteBuffer.allocate(PLAIN_BYTES).putLong(release.kid()).put(release.baseKey()).array();
        byte[] sealed = AesGcm.seal(pairwise, nonce, plain, aad(selfId, recipientId));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                .put(sealed).array());
    }

    /**
     * Opens a key {@code senderId} sealed for this participant; {@code senderKey} is the sender's roster public key.
     *
     * @throws GeneralSecurityException when it was not sealed by that key for this participant in this meeting, or
     *                                  was changed (also for malformed input)
     */
    public Release open(int senderId, String senderKey, String sealedBase64) throws GeneralSecurityException {
        try {
            byte[] theirs = ChatKeyPair.decodeRaw(senderKey);
            byte[] sealed = Base64.getDecoder().decode(sealedBase64);
            if (sealed.length <= AesGcm.NONCE_BYTES) {
                throw new GeneralSecurityException("Sealed media key too short");
            }
            SecretKey pairwise = pairwiseKeys.get(theirs, PURPOSE, senderId, theirs, selfId, self.rawPublic());
            byte[] plain = AesGcm.open(pairwise, Arrays.copyOf(sealed, AesGcm.NONCE_BYTES),
                    Arrays.copyOfRange(sealed, AesGcm.NONCE_BYTES, sealed.length), aad(senderId, selfId));
            if (plain.length != PLAIN_BYTES) {
                throw new GeneralSecurityException("A media key has " + PLAIN_BYTES + " bytes, not " + plain.length);
            }
            ByteBuffer in = ByteBuffer.wrap(plain);
            long kid = in.getLong();
            byte[] baseKey = new byte[BASE_KEY_BYTES];
            in.get(baseKey);
            return new Release(kid, baseKey);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Malformed media key: " + e.getMessage(), e);
        }
    }

    private byte[] aad(int senderId, int recipientId) {
        return String.join("\n", PURPOSE, meetingId, String.valueOf(senderId), String.valueOf(recipientId))
                .getBytes(StandardCharsets.UTF_8);
    }
}
