package dev.confab.meeting;

import java.util.List;

/**
 * How private this meeting's media is, as this client can tell (docs/security.md section 9.5).
 *
 * @param privacyCode   the meeting privacy code over everyone's public keys (6 groups of 5 digits), the same on
 *                      every screen unless someone (e.g. the server) swapped a key
 * @param personalCodes participant id to the code this client and that participant both see for their pair of keys
 * @param unencrypted   participants whose media is not end-to-end encrypted with this client: no public key (an old
 *                      or foreign client, never sent a media key), or no media key from them (yet)
 */
public record MediaPrivacy(String privacyCode, java.util.Map<Integer, String> personalCodes,
                           List<Attendee> unencrypted) {

    public MediaPrivacy {
        personalCodes = java.util.Map.copyOf(personalCodes);
        unencrypted = List.copyOf(unencrypted);
    }

    /** True when everyone present exchanged keys with this client. */
    public boolean fullyEncrypted() {
        return unencrypted.isEmpty();
    }
}
