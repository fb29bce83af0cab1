package dev.confab.ui.meeting;

import dev.confab.i18n.Messages;
import dev.confab.meeting.EndReason;
import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.Refusal;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a meeting can fail or end has words for the user in both languages. */
@UnitTest
class MeetingTextTest {

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (Refusal code : Refusal.values()) {
            keys.add(new MeetingFailure(MeetingFailure.Kind.REFUSED, code, "", null).messageKey());
        }
        for (Refusal code : MeetingFailure.TIMED_REFUSALS) {
            keys.add(new MeetingFailure(MeetingFailure.Kind.REFUSED, code, "", null, 8).messageKey());
            keys.add(new MeetingFailure(MeetingFailure.Kind.REFUSED, code, "", null, 1260).messageKey());
        }
        for (MeetingFailure.Kind kind : MeetingFailure.Kind.values()) {
            keys.add(new MeetingFailure(kind, null, "", null).messageKey());
        }
        for (EndReason reason : EndReason.values()) {
            keys.add("meeting.ended." + reason.name().toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    @Test
    void everyFailureAndEndReasonIsTranslated() {
        for (String key : allKeys()) {
            for (Locale locale : Messages.SUPPORTED) {
                assertThat(Messages.get(locale, key)).as(key + " in " + locale).doesNotStartWith("!").doesNotContain("''");
            }
        }
    }

    @Test
    void wrongPasscodeReadsAsASentenceAUserUnderstands() {
        String key = new MeetingFailure(MeetingFailure.Kind.REFUSED, Refusal.WRONG_PASSCODE, "x", null).messageKey();
        assertThat(Messages.get(Locale.ENGLISH, key)).isEqualTo("The passcode is wrong. Check it and try again.");
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, key)).isEqualTo("密码错误。请核对后重试。");
    }

    @Test
    void aRefusalWithAWaitSaysHowLong() {
        var shortWait = new MeetingFailure(MeetingFailure.Kind.REFUSED, Refusal.TOO_MANY_ATTEMPTS, "x", null, 8);
        assertThat(Messages.get(Locale.ENGLISH, shortWait.messageKey(), shortWait.messageArgs()))
                .isEqualTo("Too many wrong passcodes were tried for this meeting. Try again in 8 s.");
        var longWait = new MeetingFailure(MeetingFailure.Kind.REFUSED, Refusal.TOO_MANY_MEETINGS, "x", null, 1260);
        assertThat(Messages.get(Messages.SIMPLIFIED_CHINESE, longWait.messageKey(), longWait.messageArgs()))
                .isEqualTo("从您的网络在此服务器上发起的会议过多。请在 21 分钟后重试。");
        var untimed = new MeetingFailure(MeetingFailure.Kind.REFUSED, Refusal.RATE_LIMITED, "x", null, 3);
        assertThat(untimed.messageKey()).as("codes without a timed text keep their plain one")
                .isEqualTo("meeting.failure.rate_limited");
    }

    @Test
    void fingerprintsAreGroupedForComparingByEye() {
        String fp = String.join(":", java.util.Collections.nCopies(32, "AB"));
        String grouped = CertificatePrompt.grouped(fp);
        assertThat(grouped.lines()).hasSize(2);
        assertThat(grouped.lines().findFirst().orElseThrow()).isEqualTo("AB:AB:AB:AB  AB:AB:AB:AB  AB:AB:AB:AB  AB:AB:AB:AB");
    }
}
