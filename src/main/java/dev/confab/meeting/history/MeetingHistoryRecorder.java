package dev.confab.meeting.history;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link MeetingRecord} per meeting this client takes part in. The record is saved when the
 * meeting starts, on every join and leave, and when it ends, so a crash loses at most the end time.
 * Attach it to a {@link dev.confab.meeting.MeetingSession} together with the UI's listener (see
 * {@link dev.confab.meeting.CompositeMeetingListener}). Runs on the session's event thread.
 */
public final class MeetingHistoryRecorder implements MeetingListener {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingHistoryRecorder.class);

    private final MeetingHistoryStore store;
    private final Clock clock;
    /** The host's latest topic (what the meeting was called when this client last heard), or null. */
    private String topic;
    // Keyed by participant id: ids are never reused within a meeting, names may be.
    private final Map<Integer, MeetingRecord.Attendance> attendance = new LinkedHashMap<>();
    private String meetingId;
    private Instant startedAt;
    private boolean everHost;
    private boolean ended;
    // Keyed by poll id, in the order they ended.
    private final Map<Integer, MeetingRecord.PollSummary> polls = new LinkedHashMap<>();

    public MeetingHistoryRecorder(MeetingHistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public synchronized void onTopicChanged(String now) {
        topic = now;
        if (startedAt != null && !ended) {
            save(null);
        }
    }

    @Override
    public synchronized void onStateChanged(SessionState now) {
        if (now instanceof SessionState.InMeeting in && startedAt == null) {
            meetingId = in.meetingId();
            startedAt = clock.instant();
            save(null);
        } else if (now instanceof SessionState.Ended && startedAt != null && !ended) {
            ended = true;
            Instant end = clock.instant();
            attendance.replaceAll((id, a) -> a.leftAt() == null ? new MeetingRecord.Attendance(a.displayName(), a.joinedAt(), end) : a);
            save(end);
        }
    }

    @Override
    public synchronized void onRosterChanged(Roster roster) {
        if (startedAt == null || ended) {
            return;
        }
        everHost |= roster.selfIsHost();
        boolean changed = false;
        for (Attendee p : roster.participants()) {
            if (!attendance.containsKey(p.id())) {
                attendance.put(p.id(), new MeetingRecord.Attendance(p.displayName(), p.joinedAt(), null));
                changed = true;
            }
        }
        for (Roster.Departed d : roster.departed()) {
            MeetingRecord.Attendance a = attendance.get(d.participant().id());
            if (a == null) {
                attendance.put(d.participant().id(), new MeetingRecord.Attendance(d.participant().displayName(),
                        d.participant().joinedAt(), d.leftAt()));
                changed = true;
            } else if (a.leftAt() == null) {
                attendance.put(d.participant().id(), new MeetingRecord.Attendance(a.displayName(), a.joinedAt(), d.leftAt()));
                changed = true;
            }
        }
        if (changed) {
            save(null);
        }
    }

    /** An ended poll goes into the record, with the totals this user could count (updated when they are shared). */
    @Override
    public synchronized void onPollChanged(dev.confab.meeting.poll.Poll poll) {
        if (startedAt == null || poll.open()) {
            return;
        }
        List<Integer> totals = poll.results() != null ? poll.results().totals() : poll.sharedTotals();
        MeetingRecord.PollSummary before = polls.get(poll.id());
        polls.put(poll.id(), new MeetingRecord.PollSummary(poll.question(), poll.choices(), totals, poll.voters(),
                before != null ? before.endedAt() : clock.instant()));
        save(ended ? clock.instant() : null);
    }

    /** The record as it stands (null before the meeting started). */
    public synchronized MeetingRecord snapshot() {
        return startedAt == null ? null : record(null);
    }

    private MeetingRecord record(Instant endedAt) {
        return new MeetingRecord(meetingId, topic, everHost ? MeetingRecord.OwnRole.HOST : MeetingRecord.OwnRole.PARTICIPANT, startedAt, endedAt,
                new ArrayList<>(attendance.values()), new ArrayList<>(polls.values()));
    }

    private void save(Instant endedAt) {
        try {
            store.save(record(endedAt));
        } catch (IOException | RuntimeException e) {
            // History is a convenience: a full disk must not disturb the meeting itself.
            LOG.warn("Could not save meeting history: {}", e.toString());
        }
    }
}
