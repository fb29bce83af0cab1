package dev.confab.storage;

import java.security.SecureRandom;
import java.util.Optional;

/** A key vault that holds the key in memory, standing in for the OS keychain where a test needs encryption. */
public final class MemoryVault implements KeyVault {
    private byte[] key;

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public synchronized Optional<byte[]> key(boolean create) {
        if (key == null && create) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return Optional.ofNullable(key).map(byte[]::clone);
    }

    @Override
    public synchronized void forget() {
        key = null;
    }

    public synchronized boolean holdsKey() {
        return key != null;
    }
}
