package dev.confab.logging;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RedactorTest {
    @Test
    void masksSecretPairsAndOpaqueTokensButKeepsEvents() {
        assertThat(Redactor.redact("join failed passcode=hunter2 meeting=1234567890"))
                .isEqualTo("join failed passcode=*** meeting=1234567890");
        assertThat(Redactor.redact("{\"resumeToken\":\"abc\",\"name\":\"Ada\"}")).doesNotContain("abc").contains("Ada");
        assertThat(Redactor.redact("key: 0123456789abcdef0123456789abcdef01")).doesNotContain("0123456789abcdef");
        assertThat(Redactor.redact("payload c2VjcmV0IGNoYXQgdGV4dCB3aXRoIGEgZGlnaXQgMQ== end")).isEqualTo("payload *** end");
        assertThat(Redactor.redact("event=meeting_created meeting=1234567890 passcode=true"))
                .isEqualTo("event=meeting_created meeting=1234567890 passcode=true");
        assertThat(Redactor.redact("dev.confab.meeting.history.MeetingHistoryRecorder started"))
                .isEqualTo("dev.confab.meeting.history.MeetingHistoryRecorder started");
    }
}
