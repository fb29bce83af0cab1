package dev.confab.media;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The key of a media file encrypted as FFmpeg's {@code crypto} protocol writes it: AES-128-CBC over the whole
 * byte stream, PKCS#7-padded at the end. FFmpeg encrypts while it muxes (so no clear copy is ever written) and
 * decrypts while it demuxes, with seeking; Java decrypts the same bytes with {@code AES/CBC/PKCS5Padding}.
 * CBC gives confidentiality only: whoever keeps the key also keeps a MAC of the finished file to detect changes.
 * The protocol cannot seek while writing, so an encrypted file must be written in a streaming container
 * ({@link RecordingFormat#FRAGMENTED_MP4}).
 */
public record MediaCipher(byte[] key, byte[] iv) {
    public static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public MediaCipher {
        if (key.length != KEY_BYTES || iv.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-128-CBC needs a 16-byte key and a 16-byte IV");
        }
        key = key.clone();
        iv = iv.clone();
    }

    /** A fresh random key and IV: one per file, never reused. */
    public static MediaCipher random() {
        byte[] key = new byte[KEY_BYTES];
        byte[] iv = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        return new MediaCipher(key, iv);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    /** The URL libavformat opens: the file through the {@code crypto} protocol. */
    String url(Path file) {
        return "crypto:" + file;
    }

    /** libavformat options (hex, as the protocol's binary options are given) for writing the file. */
    Map<String, String> writeOptions() {
        return Map.of("encryption_key", HEX.formatHex(key), "encryption_iv", HEX.formatHex(iv));
    }

    /** libavformat options for reading the file. */
    Map<String, String> readOptions() {
        return Map.of("decryption_key", HEX.formatHex(key), "decryption_iv", HEX.formatHex(iv));
    }

    /** A cipher that turns the file's bytes, fed in order from the start, into its clear bytes. */
    public Cipher decryptor() throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot decrypt: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaCipher other && Arrays.equals(key, other.key) && Arrays.equals(iv, other.iv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        return "MediaCipher[AES-128-CBC]"; // never the key
    }
}
