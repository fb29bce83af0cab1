package dev.confab.meeting.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An iCalendar (RFC 5545) file with one event for a meeting: "Add to calendar". Times are UTC; text is
 * escaped and lines are folded at 75 octets without splitting a UTF-8 character.
 */
public final class CalendarEvent {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private CalendarEvent() {
    }

    /**
     * @param now when the file is written (DTSTAMP)
     * @param defaultLength used as the end when the meeting has no end time yet
     */
    public static String of(MeetingRecord meeting, Instant now, java.time.Duration defaultLength) {
        Instant start = meeting.startedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant end = meeting.endedAt() != null ? meeting.endedAt() : start.plus(defaultLength);
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Confab//Confab//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + meeting.meetingId() + "-" + UTC.format(start) + "@confab.dev");
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART:" + UTC.format(start));
        line(out, "DTEND:" + UTC.format(end.isAfter(start) ? end : start.plusSeconds(1)));
        String title = meeting.topic() == null || meeting.topic().isBlank()
                ? "Confab meeting " + meeting.meetingId()
                : meeting.topic() + " (Confab meeting " + meeting.meetingId() + ")";
        line(out, "SUMMARY:" + escape(title));
        line(out, "DESCRIPTION:" + escape("Meeting ID: " + meeting.meetingId()));
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** TEXT value escaping of RFC 5545 §3.3.11. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends one content line, folded (CRLF + space) so no physical line exceeds 75 octets. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
