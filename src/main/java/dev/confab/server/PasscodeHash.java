package dev.confab.server;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/** A meeting passcode kept only as a salted PBKDF2-HMAC-SHA256 hash; the passcode itself is never stored. */
final class PasscodeHash {

    private static final int ITERATIONS = 100_000;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] hash;

    private PasscodeHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    static PasscodeHash of(String passcode) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PasscodeHash(salt, derive(passcode, salt));
    }

    /** The stored form, salt and hash in base64: what a scheduled meeting keeps in the data folder. */
    record Stored(String salt, String hash) {
    }

    Stored stored() {
        var b64 = java.util.Base64.getEncoder();
        return new Stored(b64.encodeToString(salt), b64.encodeToString(hash));
    }

    static PasscodeHash restore(Stored stored) {
        var b64 = java.util.Base64.getDecoder();
        return new PasscodeHash(b64.decode(stored.salt()), b64.decode(stored.hash()));
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(hash, derive(candidate, salt));
    }

    private static byte[] derive(String passcode, byte[] salt) {
        var spec = new PBEKeySpec(passcode.toCharArray(), salt, ITERATIONS, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
