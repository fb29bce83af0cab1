package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Where scheduled meetings are kept (docs/protocol.md section 6.11): in the server's data folder
 * ({@link ScheduleBook}) or, for a node of a cluster, in the cluster's Redis ({@link ClusterSchedule}), so that
 * every node answers for every scheduled meeting. A scheduled meeting is valid from scheduling until its end plus
 * {@link ScheduleLimits#grace()}; after that, or once cancelled, only its bare ID and why it ended remain for a
 * while.
 */
interface ScheduleStore {

    /** Outcome of looking an ID up. */
    sealed interface Lookup {
        record Active(ScheduledMeeting meeting) implements Lookup {
        }

        record Ended(ScheduleFile.Gone why) implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    /** A meeting scheduled (with the host key to hand out once), or why not. */
    record Added(ScheduledMeeting meeting, String hostKey, ServerMessage.ErrorMessage refusal) {
    }

    Lookup find(String id);

    /** True when {@code id} belongs to a scheduled (or recently ended) meeting: not free for a new meeting. */
    boolean holds(String id);

    /** Adds {@code planned} under a fresh ID that neither the store nor {@code liveIds} uses. */
    Added add(ScheduledMeeting planned, String address, Predicate<String> liveIds);

    /** Replaces the plan of the active meeting {@code id} (its host key stays). */
    ScheduledMeeting replan(String id, ScheduledMeeting plan);

    void cancel(String id);

    /** Deletes what has expired. */
    void sweep();

    /**
     * The refusal when {@code address} may not schedule one more: the store holds its maximum ({@code stored}), or
     * the address its share ({@code scheduledFrom}: meeting ID to the address that scheduled it). Null when it may.
     */
    static Added overLimits(ScheduleLimits limits, int stored, Map<String, String> scheduledFrom, String address) {
        if (stored >= limits.maxOnServer()) {
            return refused("This server already holds its maximum of " + limits.maxOnServer() + " scheduled meetings");
        }
        long fromAddress = scheduledFrom.values().stream().filter(address::equals).count();
        if (fromAddress >= limits.maxPerAddress()) {
            return refused("Your address already has " + limits.maxPerAddress()
                    + " scheduled meetings on this server; cancel one first");
        }
        return null;
    }

    private static Added refused(String message) {
        return new Added(null, null, new ServerMessage.ErrorMessage(ErrorCode.TOO_MANY_SCHEDULED, message,
                "schedule_meeting", null, null));
    }
}
