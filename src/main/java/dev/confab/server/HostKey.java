package dev.confab.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret that makes the scheduler the host of a scheduled meeting: 256 random bits, given once to the
 * scheduling client; the server keeps only its SHA-256 (docs/security.md, "Scheduled meetings"). A plain hash
 * suffices because the key is random, not chosen by a person: there is nothing to guess from a dictionary.
 */
final class HostKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_CHARS = 64;

    private HostKey() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static boolean matches(String candidate, String storedHash) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_CHARS) {
            return false;
        }
        return MessageDigest.isEqual(hash(candidate).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
