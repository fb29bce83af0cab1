package dev.confab.server;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's shared state in Redis, and nothing else (no decisions): which nodes live and how loaded they are,
 * which node owns which meeting, the meetings' snapshots and the resume-token digests that lead to them.
 * Every key expires unless its owner refreshes it, so a dead node leaves nothing behind for long.
 *
 * <pre>
 * confab:nodes                 set of node names (pruned when a node's hash has expired)
 * confab:node:NAME             hash url, fingerprint, participants, meetings, cpu, seen (epoch ms); expires after the node timeout
 * confab:meeting:ID            the owning node's name; expires after the meeting TTL
 * confab:snapshot:ID           {@link MeetingSnapshot} as JSON; same TTL
 * confab:resume:DIGEST         the meeting ID a resume token belongs to; same TTL
 * </pre>
 * (Scheduled meetings have keys of their own: {@link ClusterSchedule}.)
 * Methods throw {@link redis.clients.jedis.exceptions.JedisException} when Redis cannot be reached.
 */
final class ClusterStore implements AutoCloseable {

    private static final String NODES = "confab:nodes";
    private static final String NODE = "confab:node:";
    private static final String MEETING = "confab:meeting:";
    private static final String SNAPSHOT = "confab:snapshot:";
    private static final String RESUME = "confab:resume:";
    /** {@link ClusterSchedule}'s record of why a scheduled meeting's ID no longer works. */
    private static final String SCHEDULED_GONE = "confab:scheduled-gone:";

    /** Takes the meeting for ARGV[1] if it is ours already, unowned, or owned by a node whose heartbeat expired. */
    private static final String CLAIM = """
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    /** Refreshes the meeting for ARGV[1] unless another node has taken it over meanwhile (then 0). */
    private static final String REFRESH = """
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    /** Deletes the meeting's keys if ARGV[1] owns it. */
    private static final String FORGET = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1], KEYS[2]) end
            return 1""";

    /** A live node as its last heartbeat described it. */
    record Node(String name, String url, String fingerprint, int participants, int meetings, double cpu) {
        /** What placement compares: seats in use plus meetings (an empty new meeting still counts). */
        int load() {
            return participants + meetings;
        }
    }

    private final RedisClient redis;
    private final long meetingTtlMillis;
    private final long nodeTimeoutMillis;

    ClusterStore(URI redisUri, ClusterConfig config) {
        // A bounded wait for a pooled connection: with Redis gone or slow, a call fails after 2 s (and the node
        // carries on without the cluster) instead of holding a WebSocket worker forever.
        var pool = new org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection>();
        pool.setMaxTotal(16);
        pool.setMaxWait(java.time.Duration.ofSeconds(2));
        this.redis = RedisClient.builder().fromURI(redisUri).poolConfig(pool).build();
        this.meetingTtlMillis = config.meetingTtl().toMillis();
        this.nodeTimeoutMillis = config.nodeTimeout().toMillis();
    }

    /** What a heartbeat learnt of this node's meetings. */
    record Beat(List<String> takenElsewhere, List<String> cancelled) {
    }

    /** The client, for the other keys of the cluster ({@link ClusterSchedule}). */
    RedisClient client() {
        return redis;
    }

    /**
     * Publishes this node's heartbeat and refreshes its meetings; returns the IDs of those another node has taken
     * over meanwhile (this node must let them go) and of scheduled ones cancelled through another node (this node
     * ends them).
     */
    Beat heartbeat(Node self, List<MeetingSnapshot> meetings, java.util.function.Function<MeetingSnapshot, String> json) {
        // The pipeline holds one pooled connection until closed: never leave it open, or the pool runs dry.
        try (AbstractPipeline pipe = redis.pipelined()) {
            return heartbeat(pipe, self, meetings, json);
        }
    }

    private Beat heartbeat(AbstractPipeline pipe, Node self, List<MeetingSnapshot> meetings,
                                   java.util.function.Function<MeetingSnapshot, String> json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("url", self.url());
        fields.put("fingerprint", self.fingerprint() == null ? "" : self.fingerprint());
        fields.put("participants", Integer.toString(self.participants()));
        fields.put("meetings", Integer.toString(self.meetings()));
        fields.put("cpu", String.format(java.util.Locale.ROOT, "%.3f", self.cpu()));
        fields.put("seen", Long.toString(System.currentTimeMillis())); // for operators: the last heartbeat, epoch ms
        pipe.hset(NODE + self.name(), fields);
        pipe.pexpire(NODE + self.name(), nodeTimeoutMillis);
        pipe.sadd(NODES, self.name());
        List<Response<Object>> refreshed = new ArrayList<>();
        List<Response<String>> gone = new ArrayList<>();
        for (MeetingSnapshot meeting : meetings) {
            gone.add(pipe.get(SCHEDULED_GONE + meeting.id()));
            refreshed.add(pipe.eval(REFRESH, List.of(MEETING + meeting.id()), List.of(self.name(), Long.toString(meetingTtlMillis))));
            pipe.set(SNAPSHOT + meeting.id(), json.apply(meeting), SetParams.setParams().px(meetingTtlMillis));
            for (MeetingSnapshot.Seat seat : meeting.seats()) {
                pipe.set(RESUME + seat.resumeDigest(), meeting.id(), SetParams.setParams().px(meetingTtlMillis));
            }
        }
        pipe.sync();
        List<String> lost = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        for (int i = 0; i < meetings.size(); i++) {
            if (Long.valueOf(0).equals(refreshed.get(i).get())) {
                lost.add(meetings.get(i).id());
            } else if ("CANCELLED".equals(gone.get(i).get())) {
                cancelled.add(meetings.get(i).id());
            }
        }
        return new Beat(lost, cancelled);
    }

    /** The live nodes (heartbeat not expired), pruning the names of dead ones. */
    List<Node> liveNodes() {
        Set<String> names = redis.smembers(NODES);
        List<Node> live = new ArrayList<>();
        for (String name : names) {
            Map<String, String> hash = redis.hgetAll(NODE + name);
            if (hash.isEmpty() || !hash.containsKey("url")) {
                redis.srem(NODES, name);
                continue;
            }
            live.add(new Node(name, hash.get("url"), blankToNull(hash.get("fingerprint")),
                    parseInt(hash.get("participants")), parseInt(hash.get("meetings")), parseDouble(hash.get("cpu"))));
        }
        return live;
    }

    /** Counts one more meeting on {@code node} until its next heartbeat says how many it really has. */
    void addMeeting(String node) {
        redis.hincrBy(NODE + node, "meetings", 1);
    }

    /** Takes {@code meetingId} for a new meeting on {@code node}; false when any node already uses that ID. */
    boolean reserveMeetingId(String meetingId, String node) {
        return "OK".equals(redis.set(MEETING + meetingId, node, SetParams.setParams().nx().px(meetingTtlMillis)));
    }

    Optional<String> owner(String meetingId) {
        return Optional.ofNullable(redis.get(MEETING + meetingId));
    }

    boolean alive(String node) {
        return redis.exists(NODE + node);
    }

    Optional<String> urlOf(String node) {
        return Optional.ofNullable(redis.hget(NODE + node, "url"));
    }

    Optional<String> meetingOfResume(String resumeDigest) {
        return Optional.ofNullable(redis.get(RESUME + resumeDigest));
    }

    Optional<String> snapshotJson(String meetingId) {
        return Optional.ofNullable(redis.get(SNAPSHOT + meetingId));
    }

    /** Makes {@code node} the owner unless another node that is still alive owns the meeting. */
    boolean claim(String meetingId, String node) {
        Object result = redis.eval(CLAIM, List.of(MEETING + meetingId),
                List.of(node, Long.toString(meetingTtlMillis), NODE));
        return Long.valueOf(1).equals(result);
    }

    /** The meeting ended on {@code node}: its ID and snapshot go (resume digests expire by themselves). */
    void forget(String meetingId, String node) {
        redis.eval(FORGET, List.of(MEETING + meetingId, SNAPSHOT + meetingId), List.of(node));
    }

    /** The node stops: others may take its meetings over at once, without waiting for its heartbeat to expire. */
    void leave(String node) {
        redis.del(NODE + node);
        redis.srem(NODES, node);
    }

    @Override
    public void close() {
        redis.close();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
