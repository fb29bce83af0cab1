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
 * long video stops when the owning node is killed (SIGKILL) mid-meeting; and, between (2) and (3), (4) the load test
 * ({@code confab loadtest --servers}) pointed at the three nodes. Each figure is printed with the machine's load
 * ({@code /proc/loadavg}) at that moment.
 * <p>Arguments: MEETINGS (default 12, each with a host and two guests), JOINS (default 20 per kind), LOAD
 * (participants of the load test, default 9 in 3 meetings; 0 skips it). MEETINGS or JOINS 0 skips that phase:
 * {@code ClusterBenchmark 0 0 9} points the load test at a fresh cluster (its meetings alone decide the spread).
 * <p>{@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.confab.meeting.ClusterBenchmark 12 20 9}
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
        int load = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        ClusterBenchmark bench = new ClusterBenchmark();
        try (RedisServer redis = RedisServer.start()) {
            for (String name : List.of("n1", "n2", "n3")) {
                bench.startNode(name, redis.uri());
            }
            if (meetings > 0) {
                bench.spread(redis.uri(), meetings);
            }
            if (joins > 0) {
                bench.redirectCost(joins);
            }
            if (load > 0) {
                bench.loadTest(load);
            }
            bench.failover();
        } finally {
            bench.sessions.forEach(MeetingSession::close);
            bench.nodes.values().forEach(Process::destroyForcibly);
        }
        System.exit(0);
    }

    /** The machine's load average (1, 5, 15 min), printed with every figure: other work shares this machine. */
    private static String loadavg() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "[loadavg " + fields[0] + " " + fields[1] + " " + fields[2] + "]";
        } catch (IOException e) {
            return "[loadavg n/a]";
        }
    }

    /** The load test in this JVM against the three nodes: N participants in N/3 meetings, replayed 640x360 video. */
    private void loadTest(int participants) {
        String servers = String.join(",", urls.values().stream().map(URI::toString).toList());
        System.out.println("load test against the cluster " + loadavg());
        int code = dev.confab.app.ConfabMain.commandLine().execute("loadtest", "--servers", servers,
                "--participants", Integer.toString(participants), "--meetings", Integer.toString(Math.max(1, participants / 3)),
                "--duration", "10s", "--replay", "always", "--fps", "15");
        System.out.println("load test exit code " + code + " " + loadavg());
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
        return joinMillis(node, meetingId, true);
    }

    /** From {@code join()} to {@code joined}; {@code stay}: false leaves right after (keeps the meeting small). */
    private long joinMillis(String node, String meetingId, boolean stay) throws InterruptedException {
        Recorder events = new Recorder();
        MeetingSession session = session(node, "Guest", events);
        long start = System.nanoTime();
        session.join(meetingId, null);
        await(events::inMeeting, "join");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!stay) {
            sessions.remove(session);
            session.close();
        }
        return millis;
    }

    private void spread(URI redis, int meetings) throws Exception {
        List<String> names = List.copyOf(urls.keySet());
        for (int i = 0; i < meetings; i++) {
            String id = createVia("n1", "Host " + i);
            joinMillis(names.get(i % 3), id);
            joinMillis(names.get((i + 1) % 3), id);
        }
        printSpread(redis, "spread of " + meetings + " meetings created through n1 (3 people each):");
    }

    /** Each node's own count of meetings and people, from Redis after one heartbeat. */
    private void printSpread(URI redis, String label) throws InterruptedException {
        Thread.sleep(1500); // one heartbeat, so that Redis shows every node's own count
        try (RedisClient client = RedisClient.create(redis)) {
            StringBuilder row = new StringBuilder(label);
            for (String name : urls.keySet()) {
                Map<String, String> node = client.hgetAll("confab:node:" + name);
                row.append(' ').append(name).append('=').append(node.get("meetings")).append(" meetings/")
                        .append(node.get("participants")).append(" people");
            }
            System.out.println(row + " " + loadavg());
        }
    }

    private void redirectCost(int joins) throws Exception {
        String id = createVia("n1", "Host");
        String owner = nodeOf(sessions.getLast());
        String other = urls.keySet().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        List<Long> direct = new ArrayList<>();
        List<Long> redirected = new ArrayList<>();
        List<Long> extra = new ArrayList<>();
        String before = loadavg();
        for (int i = 0; i < joins; i++) {
            long viaOwner = joinMillis(owner, id, false);
            long viaOther = joinMillis(other, id, false);
            direct.add(viaOwner);
            redirected.add(viaOther);
            extra.add(viaOther - viaOwner); // back to back: both joins saw (nearly) the same load
        }
        System.out.println("join through the owner: " + summary(direct) + "; through another node (redirect): "
                + summary(redirected) + "; extra time of the redirect (paired differences): " + summary(extra)
                + " " + before + " -> " + loadavg());
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
                + " (sender seat " + sender.roster().selfId() + ", meeting " + sender.roster().meetingId().equals(id) + ") "
                + loadavg());
    }

    private String nodeOf(MeetingSession session) {
        return urls.entrySet().stream().filter(e -> e.getValue().equals(session.currentServer())).findFirst()
                .orElseThrow().getKey();
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "median " + sorted.get(sorted.size() / 2) + " ms, p90 " + sorted.get(sorted.size() * 9 / 10)
                + " ms, p95 " + sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1))
                + " ms (n=" + sorted.size() + ")";
    }
}
