package dev.confab.signaling;

import dev.confab.protocol.CertificateFingerprint;

/**
 * How a client decides to trust a wss:// server: a certificate valid in the system trust store is always
 * accepted; otherwise only a certificate whose SHA-256 fingerprint equals {@code pinnedFingerprint}.
 *
 * @param pinnedFingerprint canonical {@code AB:CD:...} fingerprint pinned earlier, or null for none
 */
public record ServerTrust(String pinnedFingerprint) {

    public ServerTrust {
        if (pinnedFingerprint != null) {
            pinnedFingerprint = CertificateFingerprint.normalize(pinnedFingerprint);
        }
    }

    /** Trust only certificates the operating system / JDK trust store accepts. */
    public static ServerTrust systemOnly() {
        return new ServerTrust(null);
    }

    /** Also trust the one certificate with this fingerprint (any hex form). */
    public static ServerTrust pinned(String fingerprint) {
        return new ServerTrust(fingerprint);
    }
}
