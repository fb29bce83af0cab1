package dev.confab.meeting;

import dev.confab.meeting.chat.SecurityCode;
import dev.confab.meeting.e2ee.PrivacyCode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The codes a roster carries (the chat security code, the meeting privacy code, each pair's privacy code), computed
 * again only when the keys they are over change. A roster changes far more often than anyone's key (someone speaks,
 * raises a hand, turns the camera on), and in a meeting of 50 every such change hashed 51 codes in every client.
 * Thread-safe.
 */
final class RosterCodes {

    private record Over(String meetingId, Object keys) {
    }

    private final Map<String, String> personal = new HashMap<>();
    private Over securityOver;
    private String security;
    private Over privacyOver;
    private String privacy;

    /** {@link SecurityCode#of} */
    synchronized String security(String meetingId, Map<Integer, String> keys) {
        Over over = new Over(meetingId, new LinkedHashMap<>(keys));
        if (!over.equals(securityOver)) {
            security = SecurityCode.of(meetingId, keys);
            securityOver = over;
        }
        return security;
    }

    /** {@link PrivacyCode#of} over everyone's keys. */
    synchronized String privacy(String meetingId, List<String> keys) {
        Over over = new Over(meetingId, List.copyOf(keys));
        if (!over.equals(privacyOver)) {
            privacy = PrivacyCode.of(meetingId, keys);
            privacyOver = over;
        }
        return privacy;
    }

    /** {@link PrivacyCode#of} over this participant's key and one other's: the code the two compare. */
    synchronized String personal(String meetingId, String own, String theirs) {
        String name = meetingId + "|" + own + "|" + theirs;
        String code = personal.get(name);
        if (code == null) {
            if (personal.size() >= 4096) {
                personal.clear(); // keys of people long gone; what is present is computed again once
            }
            code = PrivacyCode.of(meetingId, List.of(own, theirs));
            personal.put(name, code);
        }
        return Objects.requireNonNull(code);
    }
}
