package dev.confab.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This server as one node of a cluster coordinated by Redis (docs/architecture.md, "Cluster"): it publishes a
 * heartbeat with its load and its meetings, places new meetings on the least-loaded node, tells where a meeting
 * of another node runs, and takes over the meetings of a node that stopped heartbeating when their people
 * resume here. When Redis cannot be reached the node keeps serving what it has (running meetings never end for
 * it) and answers from its own meetings only, until Redis is back.
 */
final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("confab.cluster");

    /** Where a meeting is served, as far as this node can tell. */
    sealed interface Route {
        /** Here, possibly just taken over. */
        record Here(Meeting meeting) implements Route {
        }

        /** On the live node at {@code url}. */
        record Elsewhere(String url) implements Route {
        }

        /** Nowhere in the cluster (or Redis cannot say). */
        record Unknown() implements Route {
        }
    }

    private final ClusterConfig config;
    private final java.net.URI advertise;
    private final MeetingRegistry registry;
    private final Clock clock;
    private final Supplier<String> fingerprint;
    private final ClusterStore store;
    private final ScheduledExecutorService beats;
    private volatile boolean redisDown;
    /** The other live nodes' addresses as of the last heartbeat, by name (for {@code cluster_nodes}). */
    private volatile List<String> otherNodes = List.of();
    /** Meetings that ended here lately, by when: never restored from their last snapshot by a late join. */
    private final java.util.concurrent.ConcurrentMap<String, java.time.Instant> endedHere =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** A heartbeat is queued to publish changed seats: one is enough however many changed meanwhile. */
    private final java.util.concurrent.atomic.AtomicBoolean publishQueued = new java.util.concurrent.atomic.AtomicBoolean();

    ClusterNode(ClusterConfig config, java.net.URI advertise, MeetingRegistry registry, Clock clock,
                Supplier<String> fingerprint) {
        this.config = config;
        this.advertise = advertise;
        this.registry = registry;
        this.clock = clock;
        this.fingerprint = fingerprint;
        this.store = new ClusterStore(config.redis(), config);
        this.beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("confab-cluster-" + config.nodeName()).factory());
        registry.onMeetingChanged(this::publishSoon);
        registry.onMeetingRemoved(id -> {
            endedHere.put(id, clock.instant());
            try {
                beats.execute(() -> forget(id)); // never Redis under a meeting's lock
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The node is stopping: the meeting's keys expire by themselves.
            }
        });
    }

    String name() {
        return config.nodeName();
    }

    /** Publishes the first heartbeat (failing when Redis cannot be reached at all) and keeps beating. */
    void start() {
        heartbeat();
        if (redisDown) {
            throw new IllegalStateException("Cannot reach Redis at " + config.redis().getHost() + ":"
                    + config.redis().getPort());
        }
        long every = config.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::heartbeatQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.info("event=cluster_joined node={} advertise={}", name(), advertise);
    }

    /**
     * Someone took or left a seat, or something else kept of a meeting changed (a hand, a vote, someone waiting, a
     * setting): publish now rather than at the next heartbeat, so that a node dying right after still hands it over. Never blocks the caller (who may hold a meeting's lock).
     */
    private void publishSoon() {
        if (publishQueued.compareAndSet(false, true)) {
            try {
                beats.execute(() -> {
                    publishQueued.set(false);
                    heartbeatQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                publishQueued.set(false);
            }
        }
    }

    private void heartbeatQuietly() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.error("event=cluster_heartbeat_failed node={}", name(), e);
        }
    }

    private void heartbeat() {
        List<Meeting> meetings = registry.liveMeetings().stream().filter(m -> !m.ended()).toList();
        int participants = meetings.stream().mapToInt(Meeting::size).sum();
        List<MeetingSnapshot> snapshots = meetings.stream().map(MeetingSnapshots::of).toList();
        try {
            ClusterStore.Beat beat = store.heartbeat(self(participants, meetings.size()), snapshots, MeetingSnapshots::json);
            List<String> lost = beat.takenElsewhere();
            if (redisDown) {
                LOG.info("event=cluster_redis_back node={}", name());
                redisDown = false;
            }
            lost.forEach(id -> {
                LOG.warn("event=meeting_taken_elsewhere meeting={} node={}", id, name());
                registry.release(id);
            });
            beat.cancelled().forEach(id -> {
                Meeting cancelled = registry.find(id);
                if (cancelled != null) {
                    LOG.info("event=scheduled_cancelled_elsewhere meeting={} node={}", id, name());
                    registry.end(cancelled, dev.confab.protocol.LeaveReason.ENDED_BY_HOST);
                }
            });
            List<String> others = store.liveNodes().stream().filter(n -> !n.name().equals(name()))
                    .sorted(Comparator.comparing(ClusterStore.Node::name)).map(ClusterStore.Node::url).toList();
            if (!others.equals(otherNodes)) {
                otherNodes = others;
                // Nodes came or went: everyone here learns where to resume now, not only later joiners.
                var announcement = new dev.confab.protocol.ServerMessage.ClusterNodes(others);
                meetings.forEach(meeting -> meeting.broadcast(announcement, null));
            }
            java.time.Instant forgotten = clock.instant().minus(config.meetingTtl());
            endedHere.values().removeIf(at -> at.isBefore(forgotten));
        } catch (JedisException e) {
            if (!redisDown) {
                LOG.warn("event=cluster_redis_unreachable node={} message={}", name(), e.getMessage());
            }
            redisDown = true;
        }
    }

    private ClusterStore.Node self(int participants, int meetings) {
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuLoad()) : 0;
        return new ClusterStore.Node(name(), advertise.toString(), fingerprint.get(), participants, meetings, cpu);
    }

    /**
     * Where a new meeting goes: null for here (this node is the least loaded, ties go to this node), else the
     * address of the least-loaded live node.
     */
    String placeNewMeeting() {
        if (redisDown) {
            return null;
        }
        try {
            List<ClusterStore.Node> nodes = store.liveNodes();
            int ownLoad = nodes.stream().filter(n -> n.name().equals(name())).mapToInt(ClusterStore.Node::load)
                    .findFirst().orElse(0);
            Optional<ClusterStore.Node> least = nodes.stream()
                    .min(Comparator.comparingInt(ClusterStore.Node::load).thenComparing(ClusterStore.Node::name));
            return least.filter(n -> !n.name().equals(name()) && n.load() < ownLoad).map(ClusterStore.Node::url)
                    .orElse(null);
        } catch (JedisException e) {
            LOG.warn("event=cluster_placement_failed node={} message={}", name(), e.getMessage());
            return null;
        }
    }

    /**
     * Takes {@code meetingId} for a meeting created here, unless another node uses it.
     */
    boolean reserveNewId(String meetingId) {
        try {
            boolean reserved = store.reserveMeetingId(meetingId, name());
            if (reserved) {
                store.addMeeting(name());
            }
            return reserved;
        } catch (JedisException e) {
            // Without Redis the ID can only be checked here; a clash needs the same one of 9 billion IDs drawn
            // on two nodes while Redis is down, and refusing every ID would stop all meeting creation.
            LOG.warn("event=cluster_id_unchecked node={} message={}", name(), e.getMessage());
            return true;
        }
    }

    /** The cluster's scheduled meetings, in its Redis. */
    ClusterSchedule schedule(ScheduleLimits limits) {
        return new ClusterSchedule(store.client(), limits, clock);
    }

    /**
     * Before a scheduled meeting that is not running here is opened here: the address of the live node running it,
     * or null when this node may open it (nobody runs it, or its node died and this node took it over). Claims the
     * ID for this node, so that two nodes starting it at once do not both open it.
     */
    String placeScheduled(String meetingId) {
        try {
            return switch (route(meetingId)) {
                case Route.Elsewhere elsewhere -> elsewhere.url();
                case Route.Here ignored -> null;
                case Route.Unknown ignored -> store.claim(meetingId, name()) ? null
                        : store.owner(meetingId).flatMap(store::urlOf).orElse(null);
            };
        } catch (JedisException e) {
            LOG.warn("event=cluster_placement_failed meeting={} message={}", meetingId, e.getMessage());
            return null; // opened here: the scheduler gets its meeting even while Redis is away
        }
    }

    /** Where the meeting with this ID runs: here (taking it over if its node died), on another node, or nowhere. */
    Route route(String meetingId) {
        Meeting local = registry.find(meetingId);
        if (local != null) {
            return new Route.Here(local);
        }
        if (endedHere.containsKey(meetingId)) {
            return new Route.Unknown(); // its keys may outlive it by a moment: it must not come back from them
        }
        try {
            Optional<String> owner = store.owner(meetingId);
            if (owner.isEmpty()) {
                return new Route.Unknown();
            }
            if (!owner.get().equals(name()) && store.alive(owner.get())) {
                return store.urlOf(owner.get()).<Route>map(Route.Elsewhere::new).orElseGet(Route.Unknown::new);
            }
            return takeOver(meetingId);
        } catch (JedisException e) {
            LOG.warn("event=cluster_route_failed meeting={} message={}", meetingId, e.getMessage());
            return new Route.Unknown();
        }
    }

    /** Where the meeting of this resume token runs; {@link Route.Unknown} when the cluster never saw the token. */
    Route routeResume(String resumeToken) {
        try {
            Optional<String> meetingId = store.meetingOfResume(ResumeDigest.of(resumeToken));
            return meetingId.map(this::route).orElseGet(Route.Unknown::new);
        } catch (JedisException e) {
            LOG.warn("event=cluster_route_failed message={}", e.getMessage());
            return new Route.Unknown();
        }
    }

    private Route takeOver(String meetingId) {
        if (!store.claim(meetingId, name())) {
            // Another live node took it first: send the client there.
            return store.owner(meetingId).flatMap(store::urlOf).<Route>map(Route.Elsewhere::new)
                    .orElseGet(Route.Unknown::new);
        }
        Optional<String> json = store.snapshotJson(meetingId);
        if (json.isEmpty()) {
            store.forget(meetingId, name());
            return new Route.Unknown();
        }
        MeetingSnapshot snapshot = MeetingSnapshots.parse(json.get());
        Meeting meeting = registry.adopt(MeetingSnapshots.restore(snapshot, clock.instant(), registry::newResumeToken));
        return new Route.Here(meeting);
    }

    /**
     * The addresses of the other live nodes as of the last heartbeat, for {@code cluster_nodes}. Never calls
     * Redis, so it may be asked under a meeting's lock.
     */
    List<String> otherNodes() {
        return otherNodes;
    }

    private void forget(String meetingId) {
        try {
            store.forget(meetingId, name());
        } catch (JedisException e) {
            LOG.debug("event=cluster_forget_failed meeting={} message={}", meetingId, e.getMessage());
        }
    }

    /**
     * Orderly stop: the meetings' latest state goes to Redis and the node leaves at once, so that the others take
     * its meetings over as soon as their people resume, without waiting for the heartbeat to expire.
     */
    void handOver() {
        beats.shutdownNow();
        heartbeat();
        try {
            store.leave(name());
        } catch (JedisException e) {
            LOG.warn("event=cluster_leave_failed node={} message={}", name(), e.getMessage());
        }
        LOG.info("event=cluster_left node={}", name());
    }

    /** Stops heartbeating without a word to Redis, as a node that died (tests of the takeover). */
    void halt() {
        beats.shutdownNow();
    }

    @Override
    public void close() {
        beats.shutdownNow();
        store.close();
    }
}
