package dev.confab.meeting.chat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * End-to-end encryption of chat messages with the JDK's own primitives: X25519 key agreement, HKDF-SHA256
 * (javax.crypto.KDF) and AES-256-GCM. One instance per participant and meeting. The design and its threat
 * model are in docs/security.md; in short:
 * <ul>
 *   <li>the text is encrypted once under a random content key; the content key is wrapped for each recipient
 *       under a pairwise, directional key HKDF(X25519(sender, recipient)) that only those two can derive;</li>
 *   <li>the associated data binds meeting, sender, message id, time, the private flag and the recipient list,
 *       and each wrapped key also binds its recipient and a hash of the ciphertext, so neither the server nor
 *       another recipient can re-route, re-label or substitute a message without decryption failing.</li>
 * </ul>
 */
public final class ChatCrypto {

    static final String VERSION = "confab-chat-v1";
    private static final int NONCE_BYTES = 12;
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final String meetingId;
    private final int selfId;
    private final ChatKeyPair self;
    private final SecureRandom random = new SecureRandom();
    private final PairwiseKeys pairwiseKeys;

    public ChatCrypto(String meetingId, int selfId, ChatKeyPair self) {
        this.meetingId = meetingId;
        this.selfId = selfId;
        this.self = self;
        this.pairwiseKeys = new PairwiseKeys(self, meetingId);
    }

    /**
     * Encrypts {@code text} for {@code recipientKeys} (participant id to base64 public key; the sender itself is
     * ignored). {@code direct} marks a private message.
     */
    public ChatEnvelope encrypt(String text, Map<Integer, String> recipientKeys, boolean direct) {
        Map<Integer, String> recipients = new TreeMap<>(recipientKeys);
        recipients.remove(selfId);
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String messageId = B64.encodeToString(idBytes);
        String sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<Integer> ids = List.copyOf(recipients.keySet());
        byte[] contentAad = contentAad(selfId, messageId, sentAt, direct, ids);
        try {
            byte[] contentKey = new byte[KEY_BYTES];
            random.nextBytes(contentKey);
            byte[] nonce = nonce();
            byte[] ciphertext = AesGcm.seal(new SecretKeySpec(contentKey, "AES"), nonce,
                    text.getBytes(StandardCharsets.UTF_8), contentAad);
            byte[] ciphertextHash = ciphertextHash(nonce, ciphertext);
            Map<Integer, String> wrapped = new TreeMap<>();
            for (var recipient : recipients.entrySet()) {
                byte[] theirs = ChatKeyPair.decodeRaw(recipient.getValue());
                SecretKey pairwise = pairwiseKey(selfId, self.rawPublic(), recipient.getKey(), theirs, theirs);
                byte[] wrapNonce = nonce();
                byte[] wrappedKey = AesGcm.seal(pairwise, wrapNonce, contentKey,
                        wrapAad(contentAad, recipient.getKey(), ciphertextHash));
                wrapped.put(recipient.getKey(), B64.encodeToString(concat(wrapNonce, wrappedKey)));
            }
            return new ChatEnvelope(messageId, sentAt, direct, ids, B64.encodeToString(nonce),
                    B64.encodeToString(ciphertext), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Chat encryption failed", e);
        }
    }

    /**
     * Decrypts a message from {@code senderId}, whose base64 public key the roster holds.
     *
     * @throws ChatDecryptException NOT_FOR_US when the sender did not encrypt for this participant (it joined
     *                              later), UNDECRYPTABLE when anything fails authentication or is malformed
     */
    public String decrypt(int senderId, String senderKey, ChatEnvelope envelope) throws ChatDecryptException {
        String wrappedForMe = envelope.keys().get(selfId);
        if (wrappedForMe == null || !envelope.recipients().contains(selfId)) {
            throw new ChatDecryptException(ChatDecryptException.Kind.NOT_FOR_US, "Not encrypted for participant " + selfId);
        }
        try {
            byte[] senderRaw = ChatKeyPair.decodeRaw(senderKey);
            byte[] contentAad = contentAad(senderId, envelope.messageId(), envelope.sentAt(), envelope.direct(),
                    envelope.recipients());
            byte[] nonce = B64D.decode(envelope.nonce());
            byte[] ciphertext = B64D.decode(envelope.ciphertext());
            byte[] wrapped = B64D.decode(wrappedForMe);
            if (nonce.length != NONCE_BYTES || wrapped.length <= NONCE_BYTES) {
                throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "Malformed nonce or key");
            }
            SecretKey pairwise = pairwiseKey(senderId, senderRaw, selfId, self.rawPublic(), senderRaw);
            byte[] contentKey = AesGcm.open(pairwise, java.util.Arrays.copyOf(wrapped, NONCE_BYTES),
                    java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length),
                    wrapAad(contentAad, selfId, ciphertextHash(nonce, ciphertext)));
            if (contentKey.length != KEY_BYTES) {
                throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, "Bad content key length");
            }
            byte[] plain = AesGcm.open(new SecretKeySpec(contentKey, "AES"), nonce, ciphertext, contentAad);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(plain)).toString();
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw new ChatDecryptException(ChatDecryptException.Kind.UNDECRYPTABLE, e.toString());
        }
    }

    /** The directional chat key from {@code senderId} to {@code recipientId} ({@link PairwiseKey}). */
    private SecretKey pairwiseKey(int senderId, byte[] senderPub, int recipientId, byte[] recipientPub, byte[] peerPub)
            throws GeneralSecurityException {
        return pairwiseKeys.get(peerPub, VERSION, senderId, senderPub, recipientId, recipientPub);
    }

    /**
     * The associated data A of docs/security.md section 3.1: the fields as UTF-8 text lines joined by a single
     * line feed. {@code sentAt} goes in exactly as it stands in the envelope: re-formatting the parsed time would
     * turn another client's {@code …:05.000Z} into {@code …:05Z} and fail every message it sends.
     */
    private byte[] contentAad(int senderId, String messageId, String sentAt, boolean direct, List<Integer> recipients) {
        String ids = recipients.stream().map(String::valueOf).collect(Collectors.joining(","));
        return String.join("\n", VERSION, meetingId, String.valueOf(senderId), messageId, sentAt,
                direct ? "private" : "everyone", ids).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(byte[] contentAad, int recipientId, byte[] ciphertextHash) {
        return concat(contentAad, ("\nto=" + recipientId + "\n").getBytes(StandardCharsets.UTF_8), ciphertextHash);
    }

    private static byte[] ciphertextHash(byte[] nonce, byte[] ciphertext) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(nonce);
        return sha.digest(ciphertext);
    }

    private byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
