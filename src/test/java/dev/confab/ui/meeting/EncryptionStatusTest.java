package dev.confab.ui.meeting;

import dev.confab.i18n.Messages;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MediaPrivacy;
import dev.confab.meeting.Roster;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the header's encryption badge and panel say, in both languages. */
@UnitTest
class EncryptionStatusTest {

    private static final Attendee ADA = person(1, "Ada");
    private static final Attendee GRACE = person(2, "Grace");
    private static final Attendee OLD_CLIENT = person(3, "Lin");

    @Test
    void everyoneWithKeysReadsEndToEndEncryptedWithTheCodesToCompare() {
        Roster roster = roster(new MediaPrivacy("12345 67890 11111 22222 33333 44444", Map.of(2, "55555 66666 77777 88888 99999 00000"),
                List.of()), ADA, GRACE);
        EncryptionStatus status = EncryptionStatus.of(roster);

        assertThat(status.fullyEncrypted()).isTrue();
        assertThat(english(status.badge())).isEqualTo("End-to-end encrypted");
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, status.badge().key())).isEqualTo("端到端加密");
        assertThat(english(status.privacyCode())).isEqualTo("Meeting privacy code: 12345 67890 11111 22222 33333 44444");
        assertThat(english(status.securityCode())).isEqualTo("Chat security code: 1111 2222 3333 4444 5555");
        assertThat(status.personalCodes()).extracting(EncryptionStatusTest::english)
                .containsExactly("Grace: 55555 66666 77777 88888 99999 00000");
        assertThat(status.notEncrypted()).isNull();
    }

    @Test
    void aParticipantWithoutKeysIsNamedAndTheMeetingIsNotFullyEncrypted() {
        Roster roster = roster(new MediaPrivacy("12345 67890 11111 22222 33333 44444", Map.of(2, "55555 66666 77777 88888 99999 00000"),
                List.of(OLD_CLIENT)), ADA, GRACE, OLD_CLIENT);
        EncryptionStatus status = EncryptionStatus.of(roster);

        assertThat(status.fullyEncrypted()).isFalse();
        assertThat(english(status.badge())).isEqualTo("Not fully encrypted");
        assertThat(english(status.notEncrypted())).startsWith("Not end-to-end encrypted with you: Lin.");
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, status.notEncrypted().key(), status.notEncrypted().args().toArray()))
                .startsWith("与您之间未端到端加密：Lin。");
    }

    @Test
    void keysStillOnTheirWayReadSecuringWithoutAWarning() {
        Roster roster = roster(new MediaPrivacy("12345 67890 11111 22222 33333 44444", Map.of(2, "55555 66666 77777 88888 99999 00000"),
                List.of(), List.of(GRACE)), ADA, GRACE);
        EncryptionStatus status = EncryptionStatus.of(roster);

        assertThat(status.fullyEncrypted()).isFalse();
        assertThat(status.warning()).as("a join is not an alarm").isFalse();
        assertThat(english(status.badge())).isEqualTo("Securing…");
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, status.badge().key())).isEqualTo("正在加密…");
        assertThat(english(status.notEncrypted())).startsWith("Exchanging encryption keys with Grace.");

        Roster mixed = roster(new MediaPrivacy("12345 67890 11111 22222 33333 44444", Map.of(), List.of(OLD_CLIENT),
                List.of(GRACE)), ADA, GRACE, OLD_CLIENT);
        assertThat(EncryptionStatus.of(mixed).warning()).as("someone who cannot encrypt is still a warning").isTrue();
        assertThat(english(EncryptionStatus.of(mixed).badge())).isEqualTo("Not fully encrypted");
    }

    @Test
    void beforeTheMeetingThereIsNothingToShow() {
        assertThat(EncryptionStatus.of(null).known()).isFalse();
        assertThat(EncryptionStatus.of(new Roster(null, 0, 0, false, false, List.of(), List.of())).known()).isFalse();
    }

    private static Roster roster(MediaPrivacy privacy, Attendee... people) {
        return new Roster("4842628111", 1, 1, false, false, List.of(people), List.of(), "1111 2222 3333 4444 5555",
                privacy);
    }

    private static Attendee person(int id, String name) {
        return new Attendee(id, name, id == 1, false, false, false, false, true, Instant.EPOCH);
    }

    private static String english(dev.confab.ui.common.UiMessage message) {
        return Messages.get(Locale.ENGLISH, message.key(), message.args().toArray());
    }
}
