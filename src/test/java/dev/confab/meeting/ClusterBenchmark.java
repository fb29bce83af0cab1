package dev.confab.meeting;

import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.RedisServer;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The cluster's figures for docs/performance.md: three {@code confab server --cluster} processes on this machine
 * and one Redis; (1) how meetings created through one node spread, (2) what a redirect adds to a join, (3) how
 * long video stops when the owning node is killed (SIGKILL) mid-meeting.
 * <p>Arguments: MEETINGS (default 12, each with a host and two guests), JOINS (default 20 per kind).
 * <p>{@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.confab.meeting.ClusterBenchmark 12 20}
 */
public final class ClusterBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, Process> nodes = new LinkedHashMap<>();
    private final Map<String, URI> urls = new LinkedHashMap<>();
    private final List<MeetingSession> sessions = Collections.synchronizedList(new ArrayList<>());

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int joins = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ClusterBenchmark bench = new ClusterBenchmark();
        try (RedisServer redis = RedisServer.start()) {
            for (String name : List.of("n1", "n2", "n3")) {
                bench.startNode(name, redis.uri());
            }
            bench.spread(redis.uri(), meetings);
            bench.redirectCost(joins);
            bench.failover();
        } finally {
            bench.sessions.forEach(MeetingSession::close);
            bench.nodes.values().forEach(Process::destroyForcibly);
        }
        System.exit(0);
    }

    private void startNode(String name, URI redis) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("confab-node-" + name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.confab.app.ConfabMain", "--data-dir", data.toString(), "server", "--plain", "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--cluster", redis.toString(),
                "--advertise", "ws://127.0.0.1:" + port, "--node-name", name,
                "--max-connections-per-address", "2000", "--max-meetings-per-address", "1000",
                "--meeting-creations-per-hour", "10000")
                .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile()).start();
        System.out.println("node " + name + " log: " + data.resolve("out.log"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(data.resolve("out.log")).contains("listening on")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("node " + name + " did not start: " + Files.readString(data.resolve("out.log")));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        nodes.put(name, process);
        urls.put(name, URI.create("ws://127.0.0.1:" + port));
    }

    private MeetingSession session(String node, String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(urls.get(node), name, ServerTrust.systemOnly()), recorder);
        sessions.add(session);
        return session;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out: " + what);
            }
            Thread.sleep(2);
        }
    }

    private String createVia(String node, String host) throws InterruptedException {
        Recorder events = new Recorder();
        MeetingSession session = session(node, host, events);
        session.createMeeting(null);
        await(() -> events.inMeeting() || events.ended() != null, "create");
        if (events.ended() != null) {
            throw new IllegalStateException("create via " + node + " failed: " + events.ended());
        }
        return session.roster().meetingId();
    }

    private long joinMillis(String node, String meetingId) throws InterruptedException {
        Recorder events = new Recorder();
        MeetingSession session = session(node, "Guest", events);
        long start = System.nanoTime();
        session.join(meetingId, null);
        await(events::inMeeting, "join");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private void spread(URI redis, int meetings) throws Exception {
        List<String> names = List.copyOf(urls.keySet());
        for (int i = 0; i < meetings; i++) {
            String id = createVia("n1", "Host " + i);
            joinMillis(names.get(i % 3), id);
            joinMillis(names.get((i + 1) % 3), id);
        }
        Thread.sleep(1500); // one heartbeat, so that Redis shows every node's own count
        try (RedisClient client = RedisClient.create(redis)) {
            StringBuilder row = new StringBuilder("spread of " + meetings + " meetings created through n1 (3 people each):");
            for (String name : names) {
                Map<String, String> node = client.hgetAll("confab:node:" + name);
                row.append(' ').append(name).append('=').append(node.get("meetings")).append(" meetings/")
                        .append(node.get("participants")).append(" people");
            }
            System.out.println(row);
        }
    }

    private void redirectCost(int joins) throws Exception {
        String id = createVia("n1", "Host");
        String owner = nodeOf(sessions.getLast());
        String other = urls.keySet().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        List<Long> direct = new ArrayList<>();
        List<Long> redirected = new ArrayList<>();
        for (int i = 0; i < joins; i++) {
            direct.add(joinMillis(owner, id));
            redirected.add(joinMillis(other, id));
        }
        System.out.println("join through the owner: " + summary(direct) + "; through another node (redirect): "
                + summary(redirected));
    }

    private void failover() throws Exception {
        Recorder senderEvents = new Recorder();
        MeetingSession sender = session("n2", "Camera", senderEvents);
        sender.createMeeting(null);
        await(senderEvents::inMeeting, "create");
        String id = sender.roster().meetingId();
        AtomicLong lastFrame = new AtomicLong();
        Recorder receiverEvents = new Recorder() {
            @Override
            public void onMedia(MediaFrame frame) {
                if (frame.header().stream() == StreamKind.CAMERA) {
                    lastFrame.set(System.nanoTime());
                }
            }
        };
        MeetingSession receiver = session("n3", "Viewer", receiverEvents);
        receiver.join(id, null);
        await(receiverEvents::inMeeting, "join");
        AtomicBoolean keyframe = new AtomicBoolean(true);
        ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sequence = new AtomicLong();
        camera.scheduleAtFixedRate(() -> {
            long n = sequence.getAndIncrement();
            boolean key = keyframe.getAndSet(false) || n % 60 == 0;
            sender.sendMedia(new MediaFrameHeader(StreamKind.CAMERA, key, MediaCodec.VP8, n, System.nanoTime() / 1000),
                    ByteBuffer.allocate(key ? 30_000 : 6_000));
        }, 0, 33, TimeUnit.MILLISECONDS);
        await(() -> lastFrame.get() != 0, "first video");
        String owner = nodeOf(sender);
        Thread.sleep(2000);
        long killedAt = System.nanoTime();
        nodes.get(owner).destroyForcibly(); // SIGKILL: no goodbye to Redis or the clients
        await(() -> lastFrame.get() > killedAt && receiverEvents.inMeeting() && senderEvents.inMeeting(), "video back");
        long back = TimeUnit.NANOSECONDS.toMillis(lastFrame.get() - killedAt);
        camera.shutdownNow();
        System.out.println("failover: owner " + owner + " killed; video at the viewer again after " + back + " ms"
                + " (sender seat " + sender.roster().selfId() + ", meeting " + sender.roster().meetingId().equals(id) + ")");
    }

    private String nodeOf(MeetingSession session) {
        return urls.entrySet().stream().filter(e -> e.getValue().equals(session.currentServer())).findFirst()
                .orElseThrow().getKey();
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "median " + sorted.get(sorted.size() / 2) + " ms, p90 " + sorted.get(sorted.size() * 9 / 10)
                + " ms (n=" + sorted.size() + ")";
    }
}
