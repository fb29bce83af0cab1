package dev.confab.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A server's own scheduled meetings (without {@code --cluster}), valid from scheduling until their end plus {@link ScheduleLimits#grace()},
 * then deleted (a short tombstone of the bare ID remains so joiners learn why). Every change is written to the
 * {@link ScheduleFile}. Thread-safe: all methods hold the book's lock.
 */
final class ScheduleBook implements ScheduleStore {

    private final ScheduleFile file;
    private final ScheduleLimits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ScheduledMeeting> meetings = new LinkedHashMap<>();
    private final Map<String, ScheduleFile.Tombstone> tombstones = new LinkedHashMap<>();
    /** Which address scheduled what, for the per-address limit; memory only (addresses are not stored). */
    private final Map<String, String> scheduledFrom = new HashMap<>();

    ScheduleBook(ScheduleFile file, ScheduleLimits limits, Clock clock) {
        this.file = file;
        this.limits = limits;
        this.clock = clock;
        ScheduleFile.Contents stored = file.load();
        stored.meetings().forEach(m -> meetings.put(m.id(), m));
        stored.tombstones().forEach(t -> tombstones.put(t.id(), t));
        sweep();
    }

    @Override
    public synchronized Lookup find(String id) {
        sweep();
        ScheduledMeeting meeting = meetings.get(id);
        if (meeting != null) {
            return new Lookup.Active(meeting);
        }
        ScheduleFile.Tombstone tombstone = tombstones.get(id);
        return tombstone != null ? new Lookup.Ended(tombstone.why()) : new Lookup.Unknown();
    }

    /** True when {@code id} belongs to a scheduled (or recently ended) meeting: not free for a new meeting. */
    synchronized int size() {
        return meetings.size();
    }

    @Override
    public synchronized boolean holds(String id) {
        return meetings.containsKey(id) || tombstones.containsKey(id);
    }

    /** Adds {@code planned} under a fresh ID that neither the book nor {@code liveIds} uses. */
    @Override
    public synchronized Added add(ScheduledMeeting planned, String address, Predicate<String> liveIds) {
        sweep();
        Added refusal = ScheduleStore.overLimits(limits, meetings.size(), scheduledFrom, address);
        if (refusal != null) {
            return refusal;
        }
        String id;
        do {
            id = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
        } while (holds(id) || liveIds.test(id));
        String hostKey = HostKey.generate();
        ScheduledMeeting meeting = new ScheduledMeeting(id, planned.title(), planned.start(), planned.durationMinutes(),
                planned.timeZone(), planned.passcode(), planned.waitingRoom(), planned.recordingPolicy(),
                HostKey.hash(hostKey));
        meetings.put(id, meeting);
        scheduledFrom.put(id, address);
        save();
        return new Added(meeting, hostKey, null);
    }

    @Override
    public synchronized ScheduledMeeting replan(String id, ScheduledMeeting plan) {
        ScheduledMeeting changed = meetings.get(id).replan(plan);
        meetings.put(id, changed);
        save();
        return changed;
    }

    @Override
    public synchronized void cancel(String id) {
        if (meetings.remove(id) != null) {
            scheduledFrom.remove(id);
            tombstones.put(id, new ScheduleFile.Tombstone(id, ScheduleFile.Gone.CANCELLED,
                    clock.instant().plus(limits.tombstone())));
            save();
        }
    }

    /** Deletes meetings past their end plus grace, and tombstones past their time. */
    @Override
    public synchronized void sweep() {
        Instant now = clock.instant();
        boolean changed = false;
        for (var it = meetings.values().iterator(); it.hasNext(); ) {
            ScheduledMeeting meeting = it.next();
            if (!meeting.validUntil(limits.grace()).isAfter(now)) {
                it.remove();
                scheduledFrom.remove(meeting.id());
                tombstones.put(meeting.id(), new ScheduleFile.Tombstone(meeting.id(), ScheduleFile.Gone.EXPIRED,
                        now.plus(limits.tombstone())));
                changed = true;
            }
        }
        changed |= tombstones.values().removeIf(t -> !t.forgetAt().isAfter(now));
        if (changed) {
            save();
        }
    }

    private void save() {
        file.save(new ScheduleFile.Contents(1, new ArrayList<>(meetings.values()), new ArrayList<>(tombstones.values())));
    }
}
