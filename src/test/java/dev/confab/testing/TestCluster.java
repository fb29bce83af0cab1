package dev.confab.testing;

import dev.confab.server.ClusterConfig;
import dev.confab.server.MeetingServer;
import redis.clients.jedis.RedisClient;

import dev.confab.server.ServerConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Loopback cluster nodes in this JVM coordinated by a real redis-server ({@link RedisServer}): started together,
 * returned once every node has heartbeaten after the last one started (so each knows the others), stopped as nodes
 * that died ({@link MeetingServer#halt}) with their Redis by {@link #close}.
 */
public final class TestCluster implements AutoCloseable, org.junit.jupiter.api.extension.BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterEachCallback {

    private final List<String> names;
    private final boolean tls;
    private RedisServer redis;
    private final List<Path> dataDirs = new java.util.ArrayList<>();
    private final Map<String, MeetingServer> nodes = new LinkedHashMap<>();
    private final java.util.Set<String> halted = new java.util.HashSet<>();
    private final List<AutoCloseable> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestCluster(List<String> names, boolean tls) {
        this.names = List.copyOf(names);
        this.tls = tls;
    }

    /**
     * A cluster of these nodes for each test of a class: {@code @RegisterExtension final TestCluster cluster =
     * TestCluster.of("a", "b", "c");} starts it before each test and stops it (with its clients) after.
     */
    public static TestCluster of(String... names) {
        return new TestCluster(List.of(names), false);
    }

    /**
     * As {@link #of}, the nodes speaking wss:// with self-signed certificates, as the app requires (it trusts each
     * by its {@link MeetingServer#fingerprint()}).
     */
    public static TestCluster withTls(String... names) {
        return new TestCluster(List.of(names), true);
    }

    /** Starts a redis-server (or skips the test without one, outside CI) and one node per name. */
    public static TestCluster start(List<String> names) throws Exception {
        TestCluster cluster = new TestCluster(names, false);
        cluster.startAll();
        return cluster;
    }

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
        startAll();
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        close();
    }

    private void startAll() throws Exception {
        redis = RedisServer.start();
        for (String name : names) {
            ServerConfig config = TestServers.loopback().cluster(ClusterConfig.of(redis.uri(), null, name));
            if (tls) {
                config.plain(false).dataDir(sharingTheFirstNodesIdentity(name));
            }
            nodes.put(name, TestServers.start(config));
        }
        long allStarted = System.currentTimeMillis();
        try (RedisClient client = client()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> names.stream().allMatch(name -> {
                String seen = client.hget("confab:node:" + name, "seen");
                return seen != null && Long.parseLong(seen) > allStarted;
            }));
        }
    }

    /**
     * A data directory for node {@code name}; from the second node on, with the first node's certificate in it:
     * every node of a cluster presents the same one (docs/deployment.md), which is what clients pin.
     */
    private Path sharingTheFirstNodesIdentity(String name) throws IOException {
        Path dataDir = Files.createTempDirectory("confab-node-" + name);
        if (!dataDirs.isEmpty()) {
            for (String file : List.of("server-identity.p12", "server-identity.secret")) {
                Files.copy(dataDirs.getFirst().resolve(file), dataDir.resolve(file));
            }
        }
        dataDirs.add(dataDir);
        return dataDir;
    }

    /** The fingerprint every node of a {@link #withTls} cluster presents. */
    public String fingerprint() {
        return nodes.values().iterator().next().fingerprint();
    }

    public RedisServer redis() {
        return redis;
    }

    /** A new client of the cluster's Redis (close it). */
    public RedisClient client() {
        return RedisClient.create(redis.uri());
    }

    public Map<String, MeetingServer> nodes() {
        return nodes;
    }

    public MeetingServer node(String name) {
        return nodes.get(name);
    }

    public URI url(String name) {
        return nodes.get(name).url();
    }

    /** The first node running more than {@code meetingsBefore} meetings: the owner of a meeting just created. */
    public String ownerOf(int meetingsBefore) {
        return nodes.entrySet().stream().filter(e -> e.getValue().meetingCount() > meetingsBefore)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A live node that is not {@code owner}, for joins through "the wrong" front door. */
    public String otherThan(String owner) {
        return nodes.keySet().stream().filter(name -> !name.equals(owner) && !halted.contains(name)).findFirst()
                .orElseThrow();
    }

    /** A Confab client session entering through {@code node}, closed with the cluster. */
    public dev.confab.meeting.MeetingSession session(String node, String name, dev.confab.meeting.MeetingListener listener) {
        var session = new dev.confab.meeting.MeetingSession(dev.confab.meeting.SessionOptions.of(url(node), name,
                tls ? dev.confab.signaling.ServerTrust.pinned(fingerprint()) : dev.confab.signaling.ServerTrust.systemOnly()),
                listener);
        clients.add(session);
        return session;
    }

    /** A raw protocol client greeted by {@code node}, closed with the cluster. */
    public TestClient client(String node) throws InterruptedException {
        TestClient client = TestClient.greeted(url(node));
        clients.add(client::close);
        return client;
    }

    /** Stops a node as if it died: no word to Redis or to its clients. */
    public void halt(String name) {
        halted.add(name);
        nodes.get(name).halt();
    }

    /** Closes every client made here, then stops the nodes and Redis. */
    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing anyway: the nodes go next
            }
        }
        clients.clear();
        nodes.values().forEach(MeetingServer::halt);
        nodes.clear();
        halted.clear();
        if (redis != null) {
            redis.close();
        }
        for (Path dataDir : dataDirs) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory
            }
        }
        dataDirs.clear();
    }
}
