package dev.confab.meeting.chat;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This participant's {@link PairwiseKey}s in one meeting, each derived once. An X25519 agreement costs about a
 * quarter of a millisecond in the JDK, and a participant seals its media key for every other one at each rotation
 * and opens theirs: in a meeting of 50 that was 2 x 49 agreements every time someone joined, for keys that had not
 * changed. A peer that comes back with a new key pair is a new entry. Bounded (least recently used go first), so a
 * roster that keeps changing cannot grow it without end. Thread-safe.
 */
public final class PairwiseKeys {

    static final int MAX_KEYS = 1024;

    private final ChatKeyPair self;
    private final String meetingId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public PairwiseKeys(ChatKeyPair self, String meetingId) {
        this.self = self;
        this.meetingId = meetingId;
    }

    /** {@link PairwiseKey#derive} for this participant and meeting, from the cache when it was derived before. */
    public SecretKey get(byte[] peerRaw, String purpose, int senderId, byte[] senderPub, int recipientId,
                         byte[] recipientPub) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getEncoder();
        // The peer's key is one of the two public keys, so these fields name the pair, its direction and purpose.
        String name = purpose + "|" + senderId + "|" + recipientId + "|" + b64.encodeToString(senderPub) + "|"
                + b64.encodeToString(recipientPub) + "|" + b64.encodeToString(peerRaw);
        synchronized (keys) {
            SecretKey known = keys.get(name);
            if (known != null) {
                return known;
            }
        }
        SecretKey derived = PairwiseKey.derive(self, peerRaw, purpose, meetingId, senderId, senderPub, recipientId,
                recipientPub);
        synchronized (keys) {
            keys.putIfAbsent(name, derived);
            return keys.get(name);
        }
    }
}
