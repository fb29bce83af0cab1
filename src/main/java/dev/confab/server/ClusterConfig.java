package dev.confab.server;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server joins a cluster (docs/deployment.md, "A cluster"): the Redis that coordinates it, the address
 * clients are sent to for this node, and the node's name. The timings decide how fast a dead node is noticed
 * (docs/architecture.md, "Cluster").
 *
 * @param redis       redis://[user:password@]host:port[/db]
 * @param advertise   the wss:// (or, on loopback, ws://) address other nodes redirect clients to; null: the
 *                    server's own {@link MeetingServer#url()} (tests on loopback)
 * @param nodeName    unique in the cluster
 * @param heartbeat   how often the node publishes its load and its meetings
 * @param nodeTimeout a node silent this long is taken for dead and its meetings may be taken over
 * @param meetingTtl  how long a meeting's record outlives its owner's last refresh
 */
public record ClusterConfig(URI redis, URI advertise, String nodeName, Duration heartbeat, Duration nodeTimeout,
                            Duration meetingTtl) {

    public ClusterConfig {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(nodeName, "nodeName");
        if (!"redis".equals(redis.getScheme()) && !"rediss".equals(redis.getScheme())) {
            throw new IllegalArgumentException("--cluster takes redis://HOST:PORT or rediss://HOST:PORT, not " + redis);
        }
        if (advertise != null && (!"wss".equals(advertise.getScheme()) && !"ws".equals(advertise.getScheme())
                || advertise.getHost() == null)) {
            throw new IllegalArgumentException("--advertise takes wss://HOST:PORT, not " + advertise);
        }
        if (nodeName.isBlank() || nodeName.length() > 64 || !nodeName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--node-name takes 1 to 64 letters, digits, '.', '_' or '-', not '" + nodeName + "'");
        }
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0 || meetingTtl.compareTo(nodeTimeout) <= 0) {
            throw new IllegalArgumentException("The node timeout must be at least two heartbeats and the meeting TTL longer");
        }
    }

    /** Production timings: a heartbeat a second, a node dead after 3 s of silence, meetings kept 30 s. */
    public static ClusterConfig of(URI redis, URI advertise, String nodeName) {
        return new ClusterConfig(redis, advertise, nodeName, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(30));
    }
}
