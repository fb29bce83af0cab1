package dev.confab.meeting.chat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;

/** AES-GCM with a 128-bit tag appended to the ciphertext, as chat and the media-key messages use it. */
public final class AesGcm {

    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private AesGcm() {
    }

    public static byte[] seal(SecretKey key, byte[] nonce, byte[] plain, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(plain);
    }

    /** @throws javax.crypto.AEADBadTagException when anything was changed or the key is wrong */
    public static byte[] open(SecretKey key, byte[] nonce, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed);
    }
}
