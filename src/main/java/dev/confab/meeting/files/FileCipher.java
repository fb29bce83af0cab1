package dev.confab.meeting.files;

import dev.confab.meeting.chat.AesGcm;

import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Seals and opens the chunks of one file under its own fresh AES-256 key (docs/security.md section 10):
 * nonce = 4 zero bytes, the transfer id and the chunk index (each 4 bytes, big-endian), unique per chunk of the
 * key; associated data = "confab-file-v1", transfer id, index and a last-chunk byte, so chunks cannot be
 * reordered, moved between transfers, or the file cut short without the receiver noticing.
 */
public final class FileCipher {

    public static final int KEY_BYTES = 32;
    private static final byte[] LABEL = "confab-file-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final int transferId;

    public FileCipher(byte[] key, int transferId) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A file key is " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.transferId = transferId;
    }

    public byte[] seal(int index, boolean last, byte[] plain, int length) throws GeneralSecurityException {
        byte[] exact = length == plain.length ? plain : java.util.Arrays.copyOf(plain, length);
        return AesGcm.seal(key, nonce(index), exact, aad(index, last));
    }

    /** @throws GeneralSecurityException when the chunk was changed, moved, or sealed under another key */
    public byte[] open(int index, boolean last, byte[] sealed) throws GeneralSecurityException {
        return AesGcm.open(key, nonce(index), sealed, aad(index, last));
    }

    private byte[] nonce(int index) {
        return ByteBuffer.allocate(AesGcm.NONCE_BYTES).putInt(0).putInt(transferId).putInt(index).array();
    }

    private byte[] aad(int index, boolean last) {
        return ByteBuffer.allocate(LABEL.length + 9).put(LABEL).putInt(transferId).putInt(index)
                .put((byte) (last ? 1 : 0)).array();
    }
}
