package dev.confab.storage;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The data key in the operating system's keychain through java-keyring: macOS Keychain, Windows Credential
 * Manager, the Secret Service (GNOME Keyring, KWallet) on Linux. One entry per data folder (service "Confab",
 * account "data-key <folder>"), so a portable install and the normal one never share a key. Where the library
 * finds no keychain (headless Linux, a minimal desktop) {@link #available()} is false. The key is read once
 * and kept in memory for the process: a keychain may ask the user to unlock it.
 */
public final class OsKeychain implements KeyVault {
    static final String SERVICE = "Confab";

    private final String account;
    private Boolean available;
    private byte[] key;

    public OsKeychain(Path dataFolder) {
        this.account = "data-key " + dataFolder.toAbsolutePath().normalize();
    }

    @Override
    public synchronized boolean available() {
        if (available == null) {
            try (Keyring keyring = Keyring.create()) {
                keyring.getPassword(SERVICE, account);
                available = true;
            } catch (PasswordAccessException noEntryYet) {
                available = true; // the keychain answered: there is simply no key yet
            } catch (BackendNotSupportedException | RuntimeException | LinkageError noKeychain) {
                available = false;
            } catch (Exception closing) {
                available = false;
            }
        }
        return available;
    }

    @Override
    public synchronized Optional<byte[]> key(boolean create) throws IOException {
        if (key != null) {
            return Optional.of(key.clone());
        }
        if (!available()) {
            return Optional.empty();
        }
        try (Keyring keyring = Keyring.create()) {
            try {
                key = Base64.getDecoder().decode(keyring.getPassword(SERVICE, account));
            } catch (PasswordAccessException none) {
                if (!create) {
                    return Optional.empty();
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                keyring.setPassword(SERVICE, account, Base64.getEncoder().encodeToString(fresh));
                key = fresh;
            }
            return Optional.of(key.clone());
        } catch (BackendNotSupportedException | PasswordAccessException e) {
            throw new IOException("The keychain did not give Confab its key: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException("The keychain failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forget() throws IOException {
        key = null;
        if (!available()) {
            return;
        }
        try (Keyring keyring = Keyring.create()) {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException alreadyGone) {
            // nothing stored: nothing to delete
        } catch (Exception e) {
            throw new IOException("Could not delete Confab's key from the keychain: " + e.getMessage(), e);
        }
    }
}
