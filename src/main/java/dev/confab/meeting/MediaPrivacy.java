package dev.confab.meeting;

import java.util.List;

/**
 * How private this meeting's media is, as this client can tell (docs/security.md section 9.5).
 *
 * @param privacyCode   the meeting privacy code over everyone's public keys (6 groups of 5 digits), the same on
 *                      every screen unless someone (e.g. the server) swapped a key
 * @param personalCodes participant id to the code this client and that participant both see for their pair of keys
 * @param unencrypted   participants whose media cannot be end-to-end encrypted with this client: no public key (an
 *                      old or foreign client, never sent a media key)
 * @param awaitingKeys  participants with a public key whose media key has not arrived yet (just joined, or a key
 *                      change in flight): nothing of theirs is played and nothing is sent to them in clear meanwhile
 *                      (there is no plaintext fallback), so this is "securing", not "unencrypted"
 */
public record MediaPrivacy(String privacyCode, java.util.Map<Integer, String> personalCodes,
                           List<Attendee> unencrypted, List<Attendee> awaitingKeys) {

    public MediaPrivacy {
        personalCodes = java.util.Map.copyOf(personalCodes);
        unencrypted = List.copyOf(unencrypted);
        awaitingKeys = List.copyOf(awaitingKeys);
    }

    /** Nobody waiting for keys. */
    public MediaPrivacy(String privacyCode, java.util.Map<Integer, String> personalCodes, List<Attendee> unencrypted) {
        this(privacyCode, personalCodes, unencrypted, List.of());
    }

    /** True when everyone present exchanged keys with this client. */
    public boolean fullyEncrypted() {
        return unencrypted.isEmpty() && awaitingKeys.isEmpty();
    }
}
