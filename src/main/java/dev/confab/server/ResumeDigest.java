package dev.confab.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a resume token, hex: what Redis holds instead of the token (whoever reads Redis cannot resume). */
final class ResumeDigest {

    private ResumeDigest() {
    }

    static String of(String resumeToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resumeToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
