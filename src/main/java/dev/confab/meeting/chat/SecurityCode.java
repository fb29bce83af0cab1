package dev.confab.meeting.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The meeting security code: 20 digits in 5 groups that every participant sees and can read out to the others.
 * It is a SHA-256 digest of the meeting id and every participant's (id, chat public key), so equal codes on
 * all screens mean everyone encrypts to the same keys; a server that swapped a key shows different codes.
 */
public final class SecurityCode {

    private static final int GROUPS = 5;

    private SecurityCode() {
    }

    /** {@code keys}: participant id to base64 public key (null for a participant without one). */
    public static String of(String meetingId, Map<Integer, String> keys) {
        MessageDigest sha = sha256();
        sha.update((ChatCrypto.VERSION + "|security-code|" + meetingId).getBytes(StandardCharsets.UTF_8));
        for (var entry : new TreeMap<>(keys).entrySet()) {
            String key = entry.getValue() == null ? "-" : entry.getValue();
            sha.update(("|" + entry.getKey() + "=" + key).getBytes(StandardCharsets.UTF_8));
        }
        return digitGroups(sha.digest(), GROUPS, 4);
    }

    /** A fresh SHA-256 digest (every Java runtime has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code groups} groups of {@code digits} decimal digits from a digest: group g is bytes 5g to 5g+4 read as a
     * big-endian number, modulo 10^digits (40 bits reduced: bias below 10^-6, as in Signal's safety numbers),
     * with leading zeros, groups separated by one space. Also the media privacy code's form.
     */
    public static String digitGroups(byte[] digest, int groups, int digits) {
        long modulus = (long) Math.pow(10, digits);
        StringJoiner code = new StringJoiner(" ");
        for (int group = 0; group < groups; group++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                value = (value << 8) | (digest[group * 5 + i] & 0xFF);
            }
            code.add(String.format("%0" + digits + "d", value % modulus));
        }
        return code.toString();
    }
}
