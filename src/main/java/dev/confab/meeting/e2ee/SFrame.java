package dev.confab.meeting.e2ee;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * SFrame (RFC 9605) with the cipher suite AES_128_GCM_SHA256_128 (0x0004), all from the JDK: HKDF-SHA256
 * ({@code javax.crypto.KDF}) derives a key and salt from each base key (section 4.4.2), the nonce is the salt XOR
 * the counter (4.4.3), and AES-128-GCM seals the payload with the SFrame header and the caller's metadata as
 * associated data. Thread-safe; each thread keeps its own {@link Cipher}.
 */
public final class SFrame {

    public static final int CIPHER_SUITE = 0x0004;
    static final int KEY_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** The most a frame can grow: the longest header and the tag. */
    public static final int MAX_OVERHEAD = SFrameHeader.MAX_LENGTH + TAG_BYTES;

    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no AES-GCM", e);
        }
    });

    private SFrame() {
    }

    /** A derived SFrame key: what encrypts and decrypts the frames carrying {@code kid}. */
    public record Key(long kid, SecretKeySpec key, byte[] salt) {
    }

    /**
     * Derives key and salt for {@code kid} from {@code baseKey}: {@code secret = HKDF-Extract("", baseKey)},
     * {@code key = HKDF-Expand(secret, "SFrame 1.0 Secret key " ‖ KID ‖ suite, 16)}, {@code salt = HKDF-Expand(secret,
     * "SFrame 1.0 Secret salt " ‖ KID ‖ suite, 12)}, KID as 8 and the suite as 2 big-endian bytes.
     */
    public static Key derive(long kid, byte[] baseKey) {
        try {
            KDF hkdf = KDF.getInstance("HKDF-SHA256");
            byte[] key = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(baseKey)
                    .thenExpand(label("SFrame 1.0 Secret key ", kid), KEY_BYTES));
            byte[] salt = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(baseKey)
                    .thenExpand(label("SFrame 1.0 Secret salt ", kid), NONCE_BYTES));
            return new Key(kid, new SecretKeySpec(key, "AES"), salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no HKDF-SHA256", e);
        }
    }

    private static byte[] label(String text, long kid) {
        byte[] prefix = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(prefix.length + 10).put(prefix).putLong(kid).putShort((short) CIPHER_SUITE).array();
    }

    /**
     * The SFrame ciphertext of {@code plaintext} (its remaining bytes; the buffer is not moved): header ‖
     * AES-GCM(plaintext) ‖ tag, with header ‖ {@code metadata} authenticated.
     */
    public static byte[] encrypt(Key key, long ctr, byte[] metadata, ByteBuffer plaintext) {
        SFrameHeader header = SFrameHeader.of(key.kid(), ctr);
        byte[] out = new byte[header.length() + plaintext.remaining() + TAG_BYTES];
        int headerLength = header.writeTo(out, 0);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BYTES * 8, nonce(key.salt(), ctr)));
            cipher.updateAAD(out, 0, headerLength);
            cipher.updateAAD(metadata);
            cipher.doFinal(plaintext.duplicate(), ByteBuffer.wrap(out, headerLength, out.length - headerLength));
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SFrame encryption failed", e);
        }
    }

    /**
     * The plaintext of {@code sframe} (header ‖ ciphertext ‖ tag, all its remaining bytes) whose header was read as
     * {@code header}.
     *
     * @throws AEADBadTagException when the frame, its header or {@code metadata} were changed, or the key is wrong
     */
    public static byte[] decrypt(Key key, SFrameHeader header, byte[] metadata, ByteBuffer sframe)
            throws AEADBadTagException {
        ByteBuffer in = sframe.duplicate();
        if (in.remaining() < header.length() + TAG_BYTES) {
            throw new AEADBadTagException("SFrame shorter than its header and tag");
        }
        byte[] headerBytes = new byte[header.length()];
        in.get(headerBytes);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BYTES * 8, nonce(key.salt(), header.ctr())));
            cipher.updateAAD(headerBytes);
            cipher.updateAAD(metadata);
            byte[] plain = new byte[in.remaining() - TAG_BYTES];
            cipher.doFinal(in, ByteBuffer.wrap(plain));
            return plain;
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SFrame decryption failed", e);
        }
    }

    /** The salt XOR the counter, written big-endian into the nonce's last 8 bytes. */
    private static byte[] nonce(byte[] salt, long ctr) {
        byte[] nonce = salt.clone();
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_BYTES - 1 - i] ^= (byte) (ctr >>> (8 * i));
        }
        return nonce;
    }
}
