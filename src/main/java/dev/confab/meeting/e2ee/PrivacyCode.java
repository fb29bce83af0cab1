package dev.confab.meeting.e2ee;

import dev.confab.meeting.chat.SecurityCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/**
 * The meeting privacy code: 30 digits in 6 groups of 5, the same on every screen exactly when everyone encrypts
 * media to the same public keys (docs/security.md section 9.5). SHA-256 over {@code confab-media-v1|privacy-code|}
 * and the meeting id, then every public key's raw 32 bytes in ascending unsigned byte order (so neither join order
 * nor participant ids matter); group g is digest bytes 5g to 5g+4 as a big-endian number modulo 100 000. Over two
 * keys only (yours and one other person's) it is the code you compare with that person.
 */
public final class PrivacyCode {

    private static final int GROUPS = 6;

    private PrivacyCode() {
    }

    /** @param publicKeys base64 raw X25519 public keys of everyone included (duplicates count once) */
    public static String of(String meetingId, Collection<String> publicKeys) {
        byte[][] raw = publicKeys.stream().distinct().map(k -> Base64.getDecoder().decode(k))
                .sorted(Arrays::compareUnsigned).toArray(byte[][]::new);
        MessageDigest sha = SecurityCode.sha256();
        sha.update((MediaKeyWrap.PURPOSE + "|privacy-code|" + meetingId).getBytes(StandardCharsets.UTF_8));
        for (byte[] key : raw) {
            sha.update(key);
        }
        return SecurityCode.digitGroups(sha.digest(), GROUPS, 5);
    }
}
