package dev.confab.storage;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Files encrypted at rest with the data key of a {@link KeyVault}: {@code CONFAB-SEALED-1\n}, a 12-byte random
 * nonce, then AES-256-GCM of the content (the 16-byte tag authenticates it: a changed file fails to open rather
 * than reading as something else). Written atomically through {@link AtomicFiles}. Where the vault holds no key
 * (no keychain) files are written as they are, and reading passes a file that is not sealed through unchanged,
 * so files written before encryption existed, or on a computer without a keychain, keep working.
 */
public final class SealedFiles {
    static final byte[] MAGIC = "CONFAB-SEALED-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** No encryption: for data that is not the user's (or tests that read files as they are). */
    public static final SealedFiles PLAIN = new SealedFiles(null);

    private final KeyVault vault;

    public SealedFiles(KeyVault vault) {
        this.vault = vault;
    }

    /** True when new files are sealed here (a keychain exists). */
    public boolean sealing() {
        return vault != null && vault.available();
    }

    public void write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, seal(content));
    }

    public byte[] read(Path file) throws IOException {
        return open(Files.readAllBytes(file));
    }

    byte[] seal(byte[] content) throws IOException {
        Optional<byte[]> key = vault == null ? Optional.empty() : vault.key(true);
        if (key.isEmpty()) {
            return content;
        }
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key.get(), nonce, content, 0, content.length);
        byte[] out = new byte[MAGIC.length + NONCE + sealed.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(nonce, 0, out, MAGIC.length, NONCE);
        System.arraycopy(sealed, 0, out, MAGIC.length + NONCE, sealed.length);
        return out;
    }

    byte[] open(byte[] stored) throws IOException {
        if (!isSealed(stored)) {
            return stored;
        }
        Optional<byte[]> key = vault == null ? Optional.empty() : vault.key(false);
        if (key.isEmpty()) {
            throw new IOException("This file is encrypted and its key is not in this computer's keychain");
        }
        byte[] nonce = Arrays.copyOfRange(stored, MAGIC.length, MAGIC.length + NONCE);
        int start = MAGIC.length + NONCE;
        return crypt(Cipher.DECRYPT_MODE, key.get(), nonce, stored, start, stored.length - start);
    }

    public static boolean isSealed(byte[] stored) {
        return stored.length >= MAGIC.length + NONCE && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] data, int offset, int length) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(MAGIC);
            return cipher.doFinal(data, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the file: " + e.getMessage(), e);
        }
    }
}
