package dev.confab.ui.lobby;

import dev.confab.i18n.Messages;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.schedule.MeetingPlan;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.policy.DeepLink;
import dev.confab.testing.UnitTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.Temporal;

import static org.assertj.core.api.Assertions.assertThat;

/** Invitation text and .ics files, read back as an invitee's calendar would (ical4j's parser). */
@UnitTest
class InvitationTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String FINGERPRINT = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    private static PlannedMeeting meeting(String title, String passcode) {
        MeetingPlan plan = new MeetingPlan(title, Instant.parse("2026-12-10T08:30:00Z"), Duration.ofMinutes(45),
                ZoneId.of("Europe/Berlin"), passcode, false, RecordingRule.HOST_ONLY);
        return new PlannedMeeting("4842628111", URI.create("wss://confab.example.org:47100"), FINGERPRINT, plan,
                "the-host-key-stays-home", 0, Instant.parse("2026-12-10T10:15:00Z"));
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow();
    }

    @Test
    void theTextGivesTheTimeInThePlannedZoneAndUtcTheLinkIdPasscodeAndFingerprintButNotTheHostKey() throws Exception {
        PlannedMeeting meeting = meeting("Budget review", "4711");
        String text = Invitation.text(meeting, Messages.ENGLISH);
        assertThat(text).contains("Budget review", "Thursday, December 10, 2026, 09:30 – 10:15 (Europe/Berlin +01:00)",
                "In UTC: Thursday, December 10, 2026, 08:30", "Meeting ID: 484 262 8111", "Passcode: 4711",
                "Server: wss://confab.example.org:47100", FINGERPRINT);
        assertThat(text).doesNotContain("the-host-key-stays-home");
        String link = text.lines().filter(l -> l.startsWith("Join: ")).findFirst().orElseThrow().substring(6);
        DeepLink parsed = DeepLink.parse(link);
        assertThat(parsed.meetingId()).isEqualTo("4842628111");
        assertThat(parsed.passcode()).contains("4711");
        assertThat(parsed.server().orElseThrow().text()).isEqualTo("wss://confab.example.org:47100");

        String chinese = Invitation.text(meeting, Messages.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains("会议号：484 262 8111", "会议密码：4711", "2026年12月10日星期四 09:30 – 10:15（Europe/Berlin +01:00）");
    }

    @Test
    void withoutPasscodeTheInvitationNamesNone() {
        String text = Invitation.text(meeting("Stand-up", null), Messages.ENGLISH);
        assertThat(text).doesNotContain("Passcode").doesNotContain("passcode=");
    }

    @Test
    void theIcsCarriesTimesInUtcTheLinkAsUrlAndInTheDescription() throws Exception {
        PlannedMeeting meeting = meeting("Budget review", "4711");
        Calendar calendar = parse(Invitation.calendar(meeting, Messages.ENGLISH, NOW));
        assertThat(calendar.getProperty("METHOD").map(Property::getValue)).contains("PUBLISH");
        VEvent event = calendar.<VEvent>getComponents("VEVENT").getFirst();
        assertThat(value(event, "SUMMARY")).isEqualTo("Budget review");
        assertThat(value(event, "DTSTART")).isEqualTo("20261210T083000Z");
        assertThat(value(event, "DTEND")).isEqualTo("20261210T091500Z");
        assertThat(value(event, "UID")).isEqualTo("4842628111-scheduled@confab.dev");
        assertThat(value(event, "URL")).isEqualTo(Invitation.joinLink(meeting));
        assertThat(value(event, "DESCRIPTION")).contains(Invitation.joinLink(meeting), "Meeting ID: 484 262 8111")
                .doesNotContain("the-host-key-stays-home");
        assertThat(value(event, "STATUS")).isEqualTo("CONFIRMED");
    }

    @Test
    void theCancellationIsAMethodCancelForTheSameEventOneSequenceLater() throws Exception {
        PlannedMeeting meeting = meeting("Budget review", null);
        Calendar calendar = parse(Invitation.cancellation(meeting, Messages.ENGLISH, NOW));
        assertThat(calendar.getProperty("METHOD").map(Property::getValue)).contains("CANCEL");
        VEvent event = calendar.<VEvent>getComponents("VEVENT").getFirst();
        assertThat(value(event, "UID")).isEqualTo("4842628111-scheduled@confab.dev");
        assertThat(value(event, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(event, "SEQUENCE")).isEqualTo("1");
    }

    @Test
    void longTitlesWithSpecialCharactersAreEscapedAndFoldedWithin75OctetsAndReadBackWhole() throws Exception {
        String title = "Plan; review, phase\\2 " + "预算评审".repeat(12);
        String ics = Invitation.calendar(meeting(title, null), Messages.SIMPLIFIED_CHINESE, NOW);
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n ", "")).contains("SUMMARY:Plan\\; review\\, phase\\\\2 ");
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").getFirst();
        assertThat(value(event, "SUMMARY")).isEqualTo(title);
        assertThat(value(event, "DESCRIPTION")).contains(title, "会议号：484 262 8111");
    }
}
