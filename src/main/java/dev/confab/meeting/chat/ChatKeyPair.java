package dev.confab.meeting.chat;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * This participant's X25519 key pair for one meeting. Generated when a session starts and never stored, so
 * every meeting (and every join) has fresh keys. The public key travels as the raw 32-byte value, base64.
 */
public final class ChatKeyPair {

    static final int RAW_KEY_BYTES = 32;
    // The fixed DER prefix of an X25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { AlgorithmIdentifier 1.3.101.110, BIT STRING }.
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private final KeyPair keys;
    private final byte[] rawPublic;

    private ChatKeyPair(KeyPair keys) {
        this.keys = keys;
        this.rawPublic = raw(keys.getPublic());
    }

    public static ChatKeyPair generate() {
        try {
            return new ChatKeyPair(KeyPairGenerator.getInstance("X25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no X25519", e);
        }
    }

    /** An existing pair, e.g. the fixed keys of the test vector in docs/security.md. */
    static ChatKeyPair of(KeyPair keys) {
        return new ChatKeyPair(keys);
    }

    /** The public key as sent in {@code join}/{@code create_meeting} and the roster: raw 32 bytes, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(rawPublic);
    }

    public byte[] rawPublic() {
        return rawPublic.clone();
    }

    KeyPair keyPair() {
        return keys;
    }

    /** Decodes a roster's base64 public key; throws IllegalArgumentException when it is not 32 bytes of base64. */
    public static byte[] decodeRaw(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length != RAW_KEY_BYTES) {
            throw new IllegalArgumentException("An X25519 public key has 32 bytes, not " + raw.length);
        }
        return raw;
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_KEY_BYTES);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, RAW_KEY_BYTES);
        return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - RAW_KEY_BYTES, der.length);
    }
}
