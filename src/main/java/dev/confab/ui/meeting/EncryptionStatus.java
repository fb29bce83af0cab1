package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MediaPrivacy;
import dev.confab.meeting.Roster;
import dev.confab.ui.common.UiMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the meeting header's encryption badge and its panel say, from a roster (docs/security.md section 9.5):
 * "End-to-end encrypted"; "Securing…" while keys from someone who can encrypt are still on their way (a join, a key
 * change: nothing is exchanged in clear meanwhile, so no warning); "Not fully encrypted" naming everyone whose media
 * cannot be encrypted with this client; the meeting privacy code, the chat security code and a personal code per
 * participant. Plain data, no JavaFX.
 *
 * @param known          false before the meeting (nothing to show)
 * @param fullyEncrypted everyone present exchanged keys with this client
 * @param warning        someone cannot be encrypted with this client (the badge is a warning)
 * @param notEncrypted   the sentence naming who is not encrypted, or who is awaited, or null when everyone is done
 */
record EncryptionStatus(boolean known, boolean fullyEncrypted, boolean warning, UiMessage badge, UiMessage privacyCode,
                        UiMessage securityCode, List<UiMessage> personalCodes, UiMessage notEncrypted) {

    static final EncryptionStatus UNKNOWN = new EncryptionStatus(false, false, false, UiMessage.of("meeting.e2ee.on"),
            null, null, List.of(), null);

    static EncryptionStatus of(Roster roster) {
        MediaPrivacy privacy = roster == null ? null : roster.privacy();
        if (privacy == null) {
            return UNKNOWN;
        }
        List<UiMessage> personal = new ArrayList<>();
        for (Attendee p : roster.participants()) {
            String code = privacy.personalCodes().get(p.id());
            if (code != null) {
                personal.add(UiMessage.of("meeting.e2ee.personalCode", roster.label(p), code));
            }
        }
        boolean full = privacy.fullyEncrypted();
        boolean warning = !privacy.unencrypted().isEmpty();
        UiMessage missing = full ? null : warning
                ? UiMessage.of("meeting.e2ee.notEncrypted", names(roster, privacy.unencrypted()))
                : UiMessage.of("meeting.e2ee.awaiting", names(roster, privacy.awaitingKeys()));
        return new EncryptionStatus(true, full, warning,
                UiMessage.of(full ? "meeting.e2ee.on" : warning ? "meeting.e2ee.partial" : "meeting.e2ee.securing"),
                UiMessage.of("meeting.e2ee.privacyCode", privacy.privacyCode()),
                roster.securityCode() == null ? null : UiMessage.of("meeting.e2ee.securityCode", roster.securityCode()),
                List.copyOf(personal), missing);
    }

    private static String names(Roster roster, List<Attendee> people) {
        return people.stream().map(roster::label).collect(Collectors.joining(", "));
    }
}
