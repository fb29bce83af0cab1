package dev.confab.server;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The scheduled meetings of a cluster, in its Redis (docs/architecture.md, "Cluster"), so that any node schedules,
 * changes, cancels, starts and answers for any of them, and none is lost with the node it was scheduled on. What
 * is kept is what a single server writes to its data folder ({@link ScheduledMeeting}: the passcode as a salted
 * hash, the host key as its SHA-256), and it expires by itself:
 *
 * <pre>
 * confab:scheduled:ID       the ScheduledMeeting as JSON; expires at the meeting's validUntil
 * confab:scheduled-gone:ID  EXPIRED (while the meeting is active, and after) or CANCELLED: why the ID no longer
 *                           works; expires one tombstone period after validUntil, or after the cancellation
 * confab:scheduled          sorted set of the active IDs by validUntil (epoch ms), to count them
 * </pre>
 * Expiry needs no sweeper: Redis drops the meeting at validUntil and the tombstone later. Methods throw
 * {@link redis.clients.jedis.exceptions.JedisException} when Redis cannot be reached.
 */
final class ClusterSchedule implements ScheduleStore {

    private static final String MEETING = "confab:scheduled:";
    private static final String GONE = "confab:scheduled-gone:";
    private static final String INDEX = "confab:scheduled";
    private static final String LIVE = "confab:meeting:";

    /** Takes a fresh ID unless a scheduled, ended or running meeting (any node's) holds it. */
    private static final String ADD = """
            if redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[3]) > 0 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[2], 'EXPIRED', 'PX', ARGV[3])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
            return 1""";

    private final RedisClient redis;
    private final ScheduleLimits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Which address scheduled what through this node, for the per-address limit; memory only, as on one server. */
    private final Map<String, String> scheduledFrom = new ConcurrentHashMap<>();

    ClusterSchedule(RedisClient redis, ScheduleLimits limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Lookup find(String id) {
        String json = redis.get(MEETING + id);
        if (json != null) {
            return new Lookup.Active(ScheduleFile.meeting(json));
        }
        String gone = redis.get(GONE + id);
        return gone == null ? new Lookup.Unknown() : new Lookup.Ended(ScheduleFile.Gone.valueOf(gone));
    }

    @Override
    public boolean holds(String id) {
        return redis.exists(MEETING + id, GONE + id) > 0;
    }

    @Override
    public synchronized Added add(ScheduledMeeting planned, String address, Predicate<String> liveIds) {
        sweep();
        Added refusal = ScheduleStore.overLimits(limits, (int) redis.zcard(INDEX), scheduledFrom, address);
        if (refusal != null) {
            return refusal;
        }
        String hostKey = HostKey.generate();
        while (true) {
            String id = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
            if (liveIds.test(id)) {
                continue;
            }
            ScheduledMeeting meeting = new ScheduledMeeting(id, planned.title(), planned.start(),
                    planned.durationMinutes(), planned.timeZone(), planned.passcode(), planned.waitingRoom(),
                    planned.recordingPolicy(), HostKey.hash(hostKey));
            if (store(meeting, true)) {
                scheduledFrom.put(id, address);
                return new Added(meeting, hostKey, null);
            }
        }
    }

    @Override
    public ScheduledMeeting replan(String id, ScheduledMeeting plan) {
        ScheduledMeeting changed = ((Lookup.Active) find(id)).meeting().replan(plan);
        store(changed, false);
        return changed;
    }

    @Override
    public void cancel(String id) {
        if (redis.del(MEETING + id) > 0) {
            redis.set(GONE + id, ScheduleFile.Gone.CANCELLED.name(),
                    SetParams.setParams().px(Math.max(1, limits.tombstone().toMillis())));
            redis.zrem(INDEX, id);
        }
        scheduledFrom.remove(id);
    }

    /** Forgets the expired meetings' places in the count (Redis already dropped the meetings themselves). */
    @Override
    public void sweep() {
        redis.zremrangeByScore(INDEX, Double.NEGATIVE_INFINITY, clock.millis());
        scheduledFrom.keySet().removeIf(id -> !redis.exists(MEETING + id));
    }

    /**
     * Brings the meetings a node scheduled before it joined the cluster (its data folder's) into Redis, keeping
     * any the cluster already has; returns how many were added.
     */
    int adopt(List<ScheduledMeeting> meetings) {
        return (int) meetings.stream().filter(m -> millisUntil(m.validUntil(limits.grace())) > 0)
                .filter(m -> store(m, true)).count();
    }

    /** Writes the meeting with its expiries; {@code fresh}: only if its ID is free (false when it is not). */
    private boolean store(ScheduledMeeting meeting, boolean fresh) {
        java.time.Instant validUntil = meeting.validUntil(limits.grace());
        long ttl = Math.max(1, millisUntil(validUntil));
        long forget = ttl + Math.max(1, limits.tombstone().toMillis());
        if (fresh) {
            Object added = redis.eval(ADD, List.of(MEETING + meeting.id(), GONE + meeting.id(), LIVE + meeting.id(), INDEX),
                    List.of(ScheduleFile.json(meeting), Long.toString(ttl), Long.toString(forget),
                            Long.toString(validUntil.toEpochMilli()), meeting.id()));
            return Long.valueOf(1).equals(added);
        }
        redis.set(MEETING + meeting.id(), ScheduleFile.json(meeting), SetParams.setParams().px(ttl));
        redis.set(GONE + meeting.id(), ScheduleFile.Gone.EXPIRED.name(), SetParams.setParams().px(forget));
        redis.zadd(INDEX, validUntil.toEpochMilli(), meeting.id());
        return true;
    }

    private long millisUntil(java.time.Instant instant) {
        return Duration.between(clock.instant(), instant).toMillis();
    }
}
