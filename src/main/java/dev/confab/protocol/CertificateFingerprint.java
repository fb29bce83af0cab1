package dev.confab.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 fingerprints of server certificates in the form users compare by eye:
 * upper-case hex pairs joined by colons ({@code AB:CD:...}, 95 characters).
 */
public final class CertificateFingerprint {

    private CertificateFingerprint() {
    }

    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint certificate", e);
        }
    }

    /**
     * Normalises user input ("ab cd ...", "abcd...", "AB:CD:...") to the canonical form.
     *
     * @throws IllegalArgumentException when it is not 32 hex bytes
     */
    public static String normalize(String input) {
        String hex = input.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("A SHA-256 fingerprint has 64 hex digits");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }
}
