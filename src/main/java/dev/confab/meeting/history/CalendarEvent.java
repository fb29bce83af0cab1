package dev.confab.meeting.history;

import dev.confab.meeting.schedule.CalendarFile;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** "Add to calendar" for a past meeting: an iCalendar (RFC 5545) file with one event, made by {@link CalendarFile}. */
public final class CalendarEvent {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CalendarEvent() {
    }

    /**
     * @param now when the file is written (DTSTAMP)
     * @param defaultLength used as the end when the meeting has no end time yet
     */
    public static String of(MeetingRecord meeting, Instant now, java.time.Duration defaultLength) {
        Instant start = meeting.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant end = meeting.endedAt() != null ? meeting.endedAt() : start.plus(defaultLength);
        String title = meeting.topic() == null || meeting.topic().isBlank()
                ? "Confab meeting " + meeting.meetingId()
                : meeting.topic() + " (Confab meeting " + meeting.meetingId() + ")";
        return CalendarFile.event(new CalendarFile.Event(meeting.meetingId() + "-" + UTC.format(start) + "@confab.dev",
                0, title, start, end, null, "Meeting ID: " + meeting.meetingId()), now);
    }
}
