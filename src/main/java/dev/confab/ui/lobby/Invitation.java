package dev.confab.ui.lobby;

import dev.confab.i18n.Messages;
import dev.confab.meeting.schedule.CalendarFile;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.policy.DeepLink;
import dev.confab.policy.ServerAddress;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * What the scheduler sends to invitees: a ready-to-paste text (in the scheduler's language) and the .ics
 * files. The time is given in the zone the meeting was planned in, with its UTC offset, and again in UTC, so a
 * reader anywhere can tell their own time; calendars convert the .ics themselves. The host key is never part
 * of either.
 */
public final class Invitation {

    private Invitation() {
    }

    /** {@code confab://join?server=…&meeting=…[&passcode=…]}, as the installers register it. */
    public static String joinLink(PlannedMeeting meeting) {
        return new DeepLink(Optional.of(new ServerAddress.Remote(meeting.server())), meeting.meetingId(),
                Optional.ofNullable(meeting.plan().passcode())).toLink();
    }

    public static String text(PlannedMeeting meeting, Locale locale) {
        locale = Messages.supported(locale); // English or Chinese throughout, dates included
        ZonedDateTime start = meeting.startInItsZone();
        ZonedDateTime end = meeting.end().atZone(meeting.plan().zone());
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
        String offset = start.getOffset().equals(ZoneOffset.UTC) ? "" : start.getOffset().getId();
        StringBuilder text = new StringBuilder();
        line(text, Messages.get(locale, "invitation.header"));
        text.append('\n');
        line(text, meeting.plan().title());
        line(text, Messages.get(locale, "invitation.when", day.format(start), time.format(start), time.format(end),
                meeting.plan().zone().getId(), offset));
        ZonedDateTime utc = start.withZoneSameInstant(ZoneOffset.UTC);
        line(text, Messages.get(locale, "invitation.utc", day.format(utc), time.format(utc)));
        text.append('\n');
        line(text, Messages.get(locale, "invitation.join", joinLink(meeting)));
        line(text, Messages.get(locale, "invitation.meetingId", MeetingIds.group(meeting.meetingId())));
        if (meeting.plan().passcode() != null) {
            line(text, Messages.get(locale, "invitation.passcode", meeting.plan().passcode()));
        }
        line(text, Messages.get(locale, "invitation.server", meeting.server()));
        if (meeting.fingerprint() != null) {
            line(text, Messages.get(locale, "invitation.fingerprint", meeting.fingerprint()));
        }
        return text.toString();
    }

    /** The .ics that adds the meeting to a calendar (or updates it, after a change). */
    public static String calendar(PlannedMeeting meeting, Locale locale, Instant now) {
        return CalendarFile.publish(event(meeting, locale), now);
    }

    /** The .ics that takes a cancelled meeting out of calendars. */
    public static String cancellation(PlannedMeeting meeting, Locale locale, Instant now) {
        return CalendarFile.cancel(event(meeting, locale).next(), now);
    }

    private static CalendarFile.Event event(PlannedMeeting meeting, Locale locale) {
        locale = Messages.supported(locale);
        return new CalendarFile.Event(meeting.calendarUid(), meeting.sequence(), meeting.plan().title(),
                meeting.plan().start(), meeting.end(), URI.create(joinLink(meeting)), text(meeting, locale));
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }
}
