package dev.confab.app;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.server.MeetingServer;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code confab schedule} against a real loopback server: schedule, list, cancel, and refusals. */
@IntegrationTest
class ScheduleCommandTest {

    private static final Pattern MEETING_ID = Pattern.compile("Meeting ID: (\\d{10})");
    @TempDir
    Path home;
    private MeetingServer server;
    private TestClient invitee;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start(TestServers.loopback());
        invitee = TestClient.greeted(server.url());
    }

    @AfterEach
    void stop() {
        invitee.close();
        server.stop();
    }

    private CliRun confab(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    private static String inTwoDays() {
        return LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    @Test
    void schedulesListsAndCancelsWithCalendarFilesAndTheServerAgrees() throws Exception {
        Path ics = home.resolve("review.ics");
        String start = inTwoDays();
        CliRun scheduled = confab("schedule", "--server", server.url().toString(), "--title", "Budget review",
                "--start", start, "--duration", "1h30m", "--time-zone", "Asia/Shanghai", "--passcode", "4711",
                "--ics", ics.toString(), "--language", "en");
        assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
        Matcher id = MEETING_ID.matcher(scheduled.out());
        assertThat(id.find()).as(scheduled.out()).isTrue();
        String meetingId = id.group(1);
        assertThat(scheduled.out()).contains("Join link: confab://join?server=", "meeting=" + meetingId,
                "passcode=4711", "(Asia/Shanghai +08:00)");

        Calendar calendar = new CalendarBuilder().build(new StringReader(Files.readString(ics)));
        VEvent event = calendar.<VEvent>getComponents("VEVENT").getFirst();
        assertThat(event.getProperty("SUMMARY").map(Property::getValue)).contains("Budget review");
        assertThat(event.getProperty("URL").map(Property::getValue).orElseThrow()).contains("meeting=" + meetingId);

        invitee.send(new ClientMessage.Join(meetingId, "Ines", "4711"));
        assertThat(invitee.nextError().code()).isEqualTo(ErrorCode.MEETING_NOT_STARTED);

        CliRun listed = confab("schedule", "--list");
        assertThat(listed.out()).contains(meetingId, start.replace('T', ' '), "Asia/Shanghai", "90 min", "Budget review");

        Path cancelIcs = home.resolve("cancel.ics");
        CliRun cancelled = confab("schedule", "--cancel", meetingId, "--ics", cancelIcs.toString());
        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("Cancelled meeting " + meetingId);
        Calendar cancellation = new CalendarBuilder().build(new StringReader(Files.readString(cancelIcs)));
        assertThat(cancellation.getProperty("METHOD").map(Property::getValue)).contains("CANCEL");

        invitee.send(new ClientMessage.Join(meetingId, "Ines", "4711"));
        assertThat(invitee.nextError().code()).isEqualTo(ErrorCode.MEETING_CANCELLED);
        assertThat(confab("schedule", "--list").out()).contains("No upcoming scheduled meetings.");

        CliRun chinese = confab("schedule", "--server", server.url().toString(), "--title", "预算评审", "--start",
                inTwoDays(), "--duration", "45m", "--passcode", "4711", "--language", "zh-CN");
        assertThat(chinese.exitCode()).as(chinese.err()).isZero();
        assertThat(chinese.out()).as("the invitation in the language asked for").contains("预算评审", "会议密码：4711");
    }

    @Test
    void theServersRefusalAndBadOptionsAreReportedWithANonZeroExit() {
        String yesterday = LocalDateTime.now(ZoneId.of("UTC")).minusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
        CliRun past = confab("schedule", "--server", server.url().toString(), "--title", "Old", "--start", yesterday,
                "--duration", "30m", "--time-zone", "UTC");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("INVALID_SCHEDULE", "past");

        CliRun badDuration = confab("schedule", "--server", server.url().toString(), "--title", "T", "--start",
                inTwoDays(), "--duration", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).contains("--duration must look like 45m");

        CliRun unknown = confab("schedule", "--cancel", "1234567890");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("has not scheduled meeting 1234567890");
    }
}
