package dev.confab.recording;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.media.MediaCipher;
import dev.confab.storage.AtomicFiles;
import dev.confab.storage.SealedFiles;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key of one encrypted recording ({@code <name>.mp4.sealed}): its own random AES-128 key and IV (the file is
 * encrypted as it is written, see {@link MediaCipher}) and an HMAC-SHA-256 of the finished file, kept beside it in
 * {@code <name>.mp4.sealed.key}, which is itself sealed with the at-rest key from the OS keychain. So the
 * recording opens only on this computer, for this user; deleting the key file (or the keychain's key, when consent
 * is withdrawn) makes it unreadable for good. The MAC is absent while the file is written and after a crash,
 * until recovery finishes it.
 */
public record RecordingSeal(MediaCipher cipher, byte[] macKey, Optional<byte[]> mac) {
    /** How an encrypted recording's name ends: not ".mp4", so no player mistakes it for one it can open. */
    public static final String EXTENSION = "mp4.sealed";
    static final String KEY_SUFFIX = ".key";
    private static final int MAC_KEY_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordingSeal {
        macKey = macKey.clone();
        mac = mac.map(byte[]::clone);
    }

    /** A new key, IV and MAC key for one recording. */
    public static RecordingSeal fresh() {
        byte[] macKey = new byte[MAC_KEY_BYTES];
        new SecureRandom().nextBytes(macKey);
        return new RecordingSeal(MediaCipher.random(), macKey, Optional.empty());
    }

    public static boolean isEncrypted(Path recording) {
        return recording.getFileName().toString().endsWith("." + EXTENSION);
    }

    public static Path keyFileFor(Path recording) {
        return recording.resolveSibling(recording.getFileName() + KEY_SUFFIX);
    }

    private record Stored(@JsonProperty(required = true) int version, @JsonProperty(required = true) String cipher,
                          @JsonProperty(required = true) String key, @JsonProperty(required = true) String iv,
                          @JsonProperty(required = true) String macKey, String mac) {
    }

    /** Writes the key file beside {@code recording} (atomically, sealed with the keychain's key). */
    public void saveBeside(Path recording, SealedFiles files) throws IOException {
        if (!files.sealing()) {
            throw new IOException("No keychain on this computer: a recording's key cannot be kept safe");
        }
        Stored stored = new Stored(1, "AES-128-CBC", HEX.formatHex(cipher.key()), HEX.formatHex(cipher.iv()),
                HEX.formatHex(macKey), mac.map(HEX::formatHex).orElse(null));
        files.write(keyFileFor(recording), JSON.writeValueAsBytes(stored));
    }

    /** The key of {@code recording}; fails when its key file is missing, damaged or sealed with a lost key. */
    public static RecordingSeal of(Path recording, SealedFiles files) throws IOException {
        Path keyFile = keyFileFor(recording);
        byte[] content = files.read(keyFile);
        if (!SealedFiles.isSealed(Files.readAllBytes(keyFile))) {
            throw new IOException("The key of " + recording.getFileName() + " is not protected by the keychain");
        }
        try {
            Stored stored = JSON.readValue(content, Stored.class);
            return new RecordingSeal(new MediaCipher(HEX.parseHex(stored.key()), HEX.parseHex(stored.iv())),
                    HEX.parseHex(stored.macKey()), Optional.ofNullable(stored.mac()).map(HEX::parseHex));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("The key of " + recording.getFileName() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** This key with the MAC of the finished {@code recording}. */
    public RecordingSeal withMacOf(Path recording) throws IOException {
        Mac hmac = hmac();
        try (InputStream in = Files.newInputStream(recording)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                hmac.update(buffer, 0, n);
            }
        }
        return new RecordingSeal(cipher, macKey, Optional.of(hmac.doFinal()));
    }

    /**
     * Writes the clear recording to {@code target} (atomically: whole or not at all), checking the MAC on the way;
     * a file changed since it was finished, or never finished, is refused and nothing is left at {@code target}.
     */
    public void decrypt(Path recording, Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".decrypting");
        try {
            try (OutputStream out = AtomicFiles.newOwnerOnly(temp)) {
                decryptTo(recording, out);
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Streams the clear recording into {@code out}. The MAC is checked before the last block: when it fails,
     * the caller must discard what was written (an exception says the file was changed).
     */
    public void decryptTo(Path recording, OutputStream out) throws IOException {
        byte[] expected = mac.orElseThrow(() -> new IOException(recording.getFileName() + " was never finished"));
        Mac hmac = hmac();
        Cipher decryptor = cipher.decryptor();
        try (InputStream in = Files.newInputStream(recording)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                hmac.update(buffer, 0, n);
                byte[] clear = decryptor.update(buffer, 0, n);
                if (clear != null) {
                    out.write(clear);
                }
            }
            if (!MessageDigest.isEqual(expected, hmac.doFinal())) {
                throw new IOException(recording.getFileName() + " was changed after Confab saved it");
            }
            out.write(decryptor.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IOException(recording.getFileName() + " cannot be decrypted: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is the key file of an encrypted recording. */
    public static boolean isKeyFile(Path file) {
        return file.getFileName().toString().endsWith("." + EXTENSION + KEY_SUFFIX);
    }

    private Mac hmac() throws IOException {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return hmac;
        } catch (GeneralSecurityException e) {
            throw new IOException("HMAC-SHA-256 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RecordingSeal[finished=" + mac.isPresent() + "]"; // never the keys
    }
}
