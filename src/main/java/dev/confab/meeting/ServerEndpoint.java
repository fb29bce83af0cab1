package dev.confab.meeting;

import dev.confab.signaling.ServerTrust;

import java.net.URI;
import java.util.Objects;

/**
 * A meeting server to connect to and the certificate to accept from it, so the UI can hand a server to a
 * session without knowing how certificates are checked. A certificate the system trusts is always accepted;
 * otherwise only the one with {@code pinnedFingerprint}.
 *
 * @param pinnedFingerprint the SHA-256 fingerprint pinned for this server (any hex form), or null for none
 */
public record ServerEndpoint(URI url, String pinnedFingerprint) {

    public ServerEndpoint {
        Objects.requireNonNull(url, "url");
    }

    /** Options for joining this server as {@code displayName}, with the usual timeouts. */
    public SessionOptions sessionOptions(String displayName) {
        return SessionOptions.of(url, displayName, new ServerTrust(pinnedFingerprint));
    }
}
