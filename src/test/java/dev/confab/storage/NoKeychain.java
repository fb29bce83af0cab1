package dev.confab.storage;

import java.util.Optional;

/** A computer without a keychain (headless Linux, some minimal desktops), whatever the test machine really has. */
public final class NoKeychain implements KeyVault {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public Optional<byte[]> key(boolean create) {
        return Optional.empty();
    }

    @Override
    public void forget() {
    }
}
