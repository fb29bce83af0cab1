package dev.confab.server;

/**
 * The SHA-256 of a resume token, hex: what Redis holds instead of the token (whoever reads Redis cannot resume).
 * The same digest as a scheduled meeting's host key gets ({@link HostKey#hash}).
 */
final class ResumeDigest {

    private ResumeDigest() {
    }

    static String of(String resumeToken) {
        return HostKey.hash(resumeToken);
    }
}
