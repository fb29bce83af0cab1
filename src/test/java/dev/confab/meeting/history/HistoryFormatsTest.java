package dev.confab.meeting.history;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class HistoryFormatsTest {
    private static final Instant START = Instant.parse("2026-11-23T09:00:00.250Z");

    private static MeetingRecord meeting(String topic, String... names) {
        return new MeetingRecord("1234567890", topic, MeetingRecord.OwnRole.HOST, START, START.plusSeconds(3600),
                java.util.Arrays.stream(names).map(n -> new MeetingRecord.Attendance(n, START, START.plusSeconds(60))).toList());
    }

    @Test
    void csvQuotesSpecialCharactersAndDefusesFormulas() {
        String csv = HistoryCsv.of(List.of(meeting("Budget, \"Q4\"", "=HYPERLINK(\"http://evil\")", "+1 caller", "Ada\nLovelace", "@bob", "-x", "Plain")));
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("meeting_id,topic,own_role,meeting_start,meeting_end,participant,joined,left");
        assertThat(lines[1]).startsWith("1234567890,\"Budget, \"\"Q4\"\"\",HOST,2026-11-23T09:00:00.250Z,")
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",");
        assertThat(csv).contains(",'+1 caller,", ",\"Ada\nLovelace\",", ",'@bob,", ",'-x,", ",Plain,");
        assertThat(csv).endsWith("\r\n");
    }

    @Test
    void icsHasUtcTimesEscapedTextAndFoldedLines() {
        String ics = CalendarEvent.of(meeting("Plan; review, phase\\2 " + "长".repeat(40)), Instant.parse("2026-11-24T08:00:00Z"), Duration.ofHours(1));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics).contains("DTSTART:20261123T090000Z\r\n", "DTEND:20261123T100000Z\r\n",
                "DTSTAMP:20261124T080000Z\r\n", "UID:1234567890-20261123T090000Z@confab.dev\r\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:Plan\\; review\\, phase\\\\2 " + "长".repeat(40) + " (Confab meeting 1234567890)\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n", "\r");
    }

    @Test
    void icsWithoutTopicNamesTheMeetingId() {
        MeetingRecord running = new MeetingRecord("9876543210", null, MeetingRecord.OwnRole.PARTICIPANT, START, null, List.of());
        String ics = CalendarEvent.of(running, START, Duration.ofMinutes(30));
        assertThat(ics).contains("SUMMARY:Confab meeting 9876543210\r\n", "DTEND:20261123T093000Z\r\n");
    }

    @Test
    void storeListsNewestFirstSearchesAndDeletes(@TempDir Path dir) throws Exception {
        MeetingHistoryStore store = new MeetingHistoryStore(dir);
        MeetingRecord older = meeting(null, "Ada");
        MeetingRecord newer = new MeetingRecord("5555555555", "Standup", MeetingRecord.OwnRole.PARTICIPANT, START.plusSeconds(86400), null,
                List.of(new MeetingRecord.Attendance("Grace", START.plusSeconds(86400), null)));
        store.save(older);
        store.save(newer);
        java.nio.file.Files.writeString(dir.resolve("broken.json"), "{ nope");
        assertThat(store.list()).containsExactly(newer, older);
        assertThat(store.search("grace")).containsExactly(newer);
        assertThat(store.search("123 456")).containsExactly(older);
        assertThat(store.search("standup")).containsExactly(newer);
        store.delete(older);
        assertThat(store.list()).containsExactly(newer);
        assertThat(store.fileOf(older)).doesNotExist();
    }
}
