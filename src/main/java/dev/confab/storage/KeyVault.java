package dev.confab.storage;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the key that encrypts Confab's stored data is kept, outside Confab's folders. The product's is the
 * operating system's keychain ({@link OsKeychain}); where none exists the data stays as it was before
 * (owner-only files), and the privacy center says so.
 */
public interface KeyVault {

    /** True when a key can be kept here (a keychain exists and answers). */
    boolean available();

    /**
     * The 32-byte data key: the stored one, or (with {@code create}) a new random one stored now. Empty where no
     * keychain exists, or when none is stored and {@code create} is false.
     */
    Optional<byte[]> key(boolean create) throws IOException;

    /** Deletes the key (withdrawing consent): whatever it sealed can no longer be read by anyone. */
    void forget() throws IOException;
}
