package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Scheduled meetings over the protocol (docs/protocol.md section 6.11): scheduling, changing and cancelling
 * them, opening one for its scheduler, and telling joiners why a scheduled ID is not (or no longer) live.
 * Anyone connected may schedule (bounded per address); only the holder of the host key may change, cancel or
 * start a scheduled meeting.
 */
final class ScheduleControls {

    private static final Logger LOG = LoggerFactory.getLogger("confab.server");

    /** The data folder's, or the cluster's once this server joined one. */
    private volatile ScheduleStore book;
    /**
     * In a cluster: the address of the node that runs (or, racing, just opened) a scheduled meeting that is not
     * running here, or null when it may be opened here; this node takes it over if its node died.
     */
    private volatile java.util.function.Function<String, String> runsElsewhere = id -> null;
    private final MeetingRegistry registry;
    private final ScheduleLimits limits;
    private final Clock clock;

    ScheduleControls(ScheduleStore book, MeetingRegistry registry, ScheduleLimits limits, Clock clock) {
        this.book = book;
        this.registry = registry;
        this.limits = limits;
        this.clock = clock;
    }

    /** This server became a node of a cluster: scheduled meetings live in its Redis from now on. */
    void joinCluster(ScheduleStore clusterStore, java.util.function.Function<String, String> whereRunning) {
        book = clusterStore;
        runsElsewhere = whereRunning;
    }

    /** True when {@code id} belongs to a scheduled (or recently ended) meeting: not free for a new meeting. */
    boolean holds(String id) {
        return book.holds(id);
    }

    void sweep() {
        book.sweep();
    }

    void schedule(ClientConnection connection, ClientMessage.ScheduleMeeting request) {
        MeetingPlanCheck.Result plan = checked(connection, request.plan(), "schedule_meeting");
        if (plan == null) {
            return;
        }
        ScheduleStore.Added added = book.add(plan.meeting(), connection.addressGroup, id -> registry.find(id) != null);
        if (added.refusal() != null) {
            connection.send(added.refusal());
            return;
        }
        ScheduledMeeting meeting = added.meeting();
        LOG.info("event=meeting_scheduled meeting={} conn={} start={} minutes={}", meeting.id(), connection,
                meeting.start(), meeting.durationMinutes()); // the title is not logged
        connection.send(meeting.toMessage(added.hostKey(), limits.grace()));
    }

    void update(ClientConnection connection, ClientMessage.UpdateScheduled request) {
        String type = "update_scheduled";
        if (authorized(connection, request.meetingId(), request.hostKey(), type) == null) {
            return;
        }
        MeetingPlanCheck.Result plan = checked(connection, request.plan(), type);
        if (plan == null) {
            return;
        }
        ScheduledMeeting changed = book.replan(normalized(request.meetingId()), plan.meeting());
        LOG.info("event=schedule_changed meeting={} conn={}", changed.id(), connection);
        connection.send(changed.toMessage(null, limits.grace()));
    }

    /** Cancelling a running scheduled meeting ends it for everyone in it. */
    void cancel(ClientConnection connection, ClientMessage.CancelScheduled request) {
        ScheduledMeeting meeting = authorized(connection, request.meetingId(), request.hostKey(), "cancel_scheduled");
        if (meeting == null) {
            return;
        }
        book.cancel(meeting.id());
        Meeting live = registry.find(meeting.id());
        if (live != null) {
            registry.end(live, LeaveReason.ENDED_BY_HOST);
        }
        LOG.info("event=schedule_cancelled meeting={} conn={} was_live={}", meeting.id(), connection, live != null);
        connection.send(new ServerMessage.ScheduledCancelled(meeting.id()));
    }

    /**
     * The live meeting for the scheduler to join as host, opened now if nobody has started it yet; null after
     * sending the error.
     */
    Meeting openForHost(ClientConnection connection, ClientMessage.StartScheduled request) {
        String type = "start_scheduled";
        ScheduledMeeting scheduled = authorized(connection, request.meetingId(), request.hostKey(), type);
        if (scheduled == null) {
            return null;
        }
        if (registry.find(scheduled.id()) == null) {
            String elsewhere = runsElsewhere.apply(scheduled.id());
            if (elsewhere != null) {
                connection.send(new ServerMessage.Redirect(elsewhere, type, scheduled.id()));
                return null;
            }
        }
        MeetingRegistry.Creation creation = registry.openScheduled(scheduled);
        if (creation.refusal() != null) {
            connection.send(creation.refusal());
            return null;
        }
        return creation.meeting();
    }

    /**
     * Sends the error for a {@code join} of an ID with no live meeting: not started yet, cancelled, expired, or
     * simply unknown.
     */
    void refuseJoin(ClientConnection connection, String meetingId) {
        switch (book.find(meetingId)) {
            case ScheduleStore.Lookup.Active active -> connection.sendError(ErrorCode.MEETING_NOT_STARTED,
                    "The host has not started this meeting yet; it is planned for " + active.meeting().start(), "join");
            case ScheduleStore.Lookup.Ended ended -> gone(connection, ended.why(), "join");
            case ScheduleStore.Lookup.Unknown ignored ->
                    connection.sendError(ErrorCode.MEETING_NOT_FOUND, "No meeting with this ID", "join");
        }
    }

    /** The scheduled meeting if {@code hostKey} is its host key; otherwise null after sending the error. */
    private ScheduledMeeting authorized(ClientConnection connection, String meetingId, String hostKey, String type) {
        switch (book.find(normalized(meetingId))) {
            case ScheduleStore.Lookup.Active active -> {
                if (HostKey.matches(hostKey, active.meeting().hostKeyHash())) {
                    return active.meeting();
                }
                connection.sendError(ErrorCode.WRONG_HOST_KEY, "This host key does not belong to the meeting", type);
                LOG.info("event=wrong_host_key meeting={} conn={}", active.meeting().id(), connection);
            }
            case ScheduleStore.Lookup.Ended ended -> gone(connection, ended.why(), type);
            case ScheduleStore.Lookup.Unknown ignored ->
                    connection.sendError(ErrorCode.MEETING_NOT_FOUND, "No scheduled meeting with this ID", type);
        }
        return null;
    }

    private static void gone(ClientConnection connection, ScheduleFile.Gone why, String type) {
        if (why == ScheduleFile.Gone.CANCELLED) {
            connection.sendError(ErrorCode.MEETING_CANCELLED, "The host cancelled this meeting", type);
        } else {
            connection.sendError(ErrorCode.MEETING_EXPIRED, "This scheduled meeting is over", type);
        }
    }

    private MeetingPlanCheck.Result checked(ClientConnection connection, ClientMessage.MeetingPlan plan, String type) {
        MeetingPlanCheck.Result result = MeetingPlanCheck.check(plan, clock.instant(), limits);
        if (result.problem() != null) {
            connection.sendError(ErrorCode.INVALID_SCHEDULE, result.problem(), type);
            return null;
        }
        return result;
    }

    static String normalized(String meetingId) {
        return meetingId.replaceAll("[\\s-]", "");
    }
}
