package dev.confab.meeting.history;

import java.time.Instant;
import java.util.List;

/**
 * Meeting history as CSV (RFC 4180): one row per participant stay, CRLF line ends, fields quoted when
 * needed. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, because participant names come from other people.
 */
public final class HistoryCsv {
    static final List<String> HEADER = List.of("meeting_id", "topic", "own_role", "meeting_start", "meeting_end",
            "participant", "joined", "left");

    private HistoryCsv() {
    }

    public static String of(List<MeetingRecord> records) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (MeetingRecord r : records) {
            for (MeetingRecord.Attendance a : r.participants()) {
                row(out, List.of(r.meetingId(), text(r.topic()), r.ownRole().name(), time(r.startedAt()),
                        time(r.endedAt()), a.displayName(), time(a.joinedAt()), time(a.leftAt())));
            }
            if (r.participants().isEmpty()) {
                row(out, List.of(r.meetingId(), text(r.topic()), r.ownRole().name(), time(r.startedAt()),
                        time(r.endedAt()), "", "", ""));
            }
        }
        return out.toString();
    }

    /** One CSV line of {@code fields}, each {@link #field defused and quoted}, ended with CRLF. */
    static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** One field, defused and quoted as RFC 4180 requires. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
