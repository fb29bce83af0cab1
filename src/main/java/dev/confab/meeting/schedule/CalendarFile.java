package dev.confab.meeting.schedule;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One-event iCalendar files (RFC 5545) built with ical4j: a scheduled meeting ({@code METHOD:PUBLISH}), its
 * cancellation ({@code METHOD:CANCEL}, same UID, higher SEQUENCE, {@code STATUS:CANCELLED}), and a past meeting
 * for "Add to calendar". Times are written in UTC, which every calendar converts to its reader's zone.
 * <p>
 * ical4j escapes the text; the lines are folded here, because ical4j folds by characters and RFC 5545 limits
 * a line to 75 octets: a title in Chinese would otherwise give lines of over 200 bytes.
 */
public final class CalendarFile {

    /** What goes into one event; {@code url} and {@code description} may be null. */
    public record Event(String uid, int sequence, String summary, Instant start, Instant end, URI url,
                        String description) {

        /** The same event one revision later: what a cancellation or change must carry. */
        public Event next() {
            return new Event(uid, sequence + 1, summary, start, end, url, description);
        }
    }

    private static final String PRODUCT = "-//Confab//Confab//EN";
    private static final int MAX_OCTETS = 75;

    private CalendarFile() {
    }

    /** A plain calendar file with the event, without iTIP method: "Add to calendar" for a past meeting. */
    public static String event(Event event, Instant now) {
        return write(event, now, null, null);
    }

    /** A calendar file that adds or updates the event. */
    public static String publish(Event event, Instant now) {
        return write(event, now, ImmutableMethod.PUBLISH, ImmutableStatus.VEVENT_CONFIRMED);
    }

    /** A calendar file that removes the event from calendars that imported {@link #publish} for it. */
    public static String cancel(Event event, Instant now) {
        return write(event, now, ImmutableMethod.CANCEL, ImmutableStatus.VEVENT_CANCELLED);
    }

    private static String write(Event event, Instant now, Method method, Status status) {
        Instant start = event.start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = event.end().truncatedTo(ChronoUnit.SECONDS);
        VEvent vevent = new VEvent(start, end.isAfter(start) ? end : start.plusSeconds(1), event.summary());
        vevent.add(new Uid(event.uid()));
        vevent.replace(new DtStamp(now.truncatedTo(ChronoUnit.SECONDS))); // ical4j stamps with its own clock
        if (method != null) {
            vevent.add(new Sequence(event.sequence()));
            vevent.add(status);
        }
        if (event.url() != null) {
            vevent.add(new Url(event.url()));
        }
        if (event.description() != null) {
            vevent.add(new Description(event.description()));
        }
        Calendar calendar = new Calendar();
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableCalScale.GREGORIAN);
        if (method != null) {
            calendar.add(method);
        }
        calendar.add(vevent);
        StringWriter out = new StringWriter();
        try {
            // No folding by ical4j (see the class comment): a fold length no line reaches. Not validated as iTIP:
            // that would require an ORGANIZER e-mail address, which Confab does not have.
            new CalendarOutputter(false, Integer.MAX_VALUE).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a string failed", e);
        }
        return foldByOctets(out.toString());
    }

    /** Folds every content line (CRLF + space) so that no physical line exceeds 75 octets of UTF-8. */
    static String foldByOctets(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + 64);
        for (String line : unfolded.split("\r\n")) {
            if (!line.isEmpty()) {
                fold(out, line);
            }
        }
        return out.toString();
    }

    private static void fold(StringBuilder out, String content) {
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
