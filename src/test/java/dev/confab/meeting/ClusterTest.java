package dev.confab.meeting;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.CliRun;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.RedisServer;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestCluster;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.RedisClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three servers of one cluster in this JVM, coordinated by a real redis-server (issue #24): meetings spread over
 * the nodes, any node lets people into any meeting (redirecting them), a node that dies has its meetings taken
 * over with everyone in their seats within 10 s, and a Redis restart ends nothing.
 */
@IntegrationTest
class ClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestCluster cluster;
    private RedisServer redis;
    private Map<String, MeetingServer> nodes;
    private final List<MeetingSession> sessions = new ArrayList<>();

    @BeforeEach
    void startCluster() throws Exception {
        cluster = TestCluster.start(List.of("a", "b", "c"));
        redis = cluster.redis();
        nodes = cluster.nodes();
    }

    @AfterEach
    void stopCluster() {
        sessions.forEach(MeetingSession::close);
        cluster.close();
    }

    private URI url(String node) {
        return cluster.url(node);
    }

    private MeetingSession session(String node, String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(url(node), name, ServerTrust.systemOnly()), recorder);
        sessions.add(session);
        return session;
    }

    private String create(String node, String host, Recorder recorder) {
        MeetingSession session = session(node, host, recorder);
        session.createMeeting(null);
        await().atMost(WAIT).until(recorder::inMeeting);
        return session.roster().meetingId();
    }

    private MeetingSession join(String node, String name, String meetingId, Recorder recorder) {
        MeetingSession session = session(node, name, recorder);
        session.join(meetingId, null);
        await().atMost(WAIT).until(recorder::inMeeting);
        return session;
    }

    private String ownerOf(int meetingsBefore) {
        return cluster.ownerOf(meetingsBefore);
    }

    @Test
    void meetingsCreatedThroughOneNodeSpreadOverAllThree() {
        IntStream.range(0, 3).forEach(i -> create("a", "Host " + i, new Recorder()));

        assertThat(nodes.values()).as("one meeting on each node").allSatisfy(n -> assertThat(n.meetingCount()).isEqualTo(1));
    }

    @Test
    void anyNodeLetsPeopleIntoAMeetingOfAnother() {
        Recorder hostEvents = new Recorder();
        MeetingSession host = session("b", "Ada", hostEvents);
        host.createMeeting(null);
        await().atMost(WAIT).until(hostEvents::inMeeting);
        String id = host.roster().meetingId();
        String owner = ownerOf(0);

        for (String frontDoor : List.of("a", "b", "c")) {
            join(frontDoor, "Guest via " + frontDoor, id, new Recorder());
        }

        await().atMost(WAIT).until(() -> host.roster().participants().size() == 4);
        assertThat(nodes.get(owner).meetingCount()).isEqualTo(1);
        assertThat(nodes.values().stream().mapToInt(MeetingServer::meetingCount).sum())
                .as("the meeting runs on its owner only").isEqualTo(1);
    }

    @Test
    void killingTheOwnerMovesEveryoneToAnotherNodeWithin10Seconds() {
        Recorder hostEvents = new Recorder();
        String id = create("a", "Ada", hostEvents);
        String owner = ownerOf(0);
        Recorder guestEvents = new Recorder();
        String otherDoor = owner.equals("b") ? "c" : "b";
        MeetingSession guest = join(otherDoor, "Grace", id, guestEvents);
        MeetingSession host = sessions.getFirst();
        int hostSeat = host.roster().selfId();
        int guestSeat = guest.roster().selfId();

        long killedAt = System.nanoTime();
        nodes.get(owner).halt();

        await().atMost(WAIT).until(() -> hostEvents.states.stream().anyMatch(s -> s instanceof SessionState.Reconnecting));
        await().atMost(WAIT).until(() -> back(hostEvents) && back(guestEvents)
                && host.roster().participants().stream().allMatch(Attendee::connected)
                && host.roster().participants().size() == 2);
        Duration moved = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(moved).isLessThan(WAIT);
        assertThat(host.roster().meetingId()).isEqualTo(id);
        assertThat(host.roster().selfId()).as("same seat").isEqualTo(hostSeat);
        assertThat(guest.roster().selfId()).as("same seat").isEqualTo(guestSeat);
        assertThat(host.roster().selfIsHost()).as("still the host").isTrue();
        assertThat(hostEvents.states).as("the banner said the meeting moves")
                .anyMatch(s -> s instanceof SessionState.Reconnecting r && r.moving());
        assertThat(nodes.entrySet().stream().filter(e -> !e.getKey().equals(owner))
                .mapToInt(e -> e.getValue().meetingCount()).sum()).as("re-homed on a live node").isEqualTo(1);

        guest.sendChat("still here");
        await().atMost(WAIT).until(() -> hostEvents.chats.stream().anyMatch(c -> c.text().equals("still here")));
    }

    @Test
    void aRedisRestartEndsNoMeeting() throws Exception {
        Recorder hostEvents = new Recorder();
        String id = create("a", "Ada", hostEvents);
        String owner = ownerOf(0);
        Recorder guestEvents = new Recorder();
        join(owner, "Grace", id, guestEvents);

        redis.restart();

        // The owner publishes its meeting again with its next heartbeat: another node can send people to it.
        String otherDoor = owner.equals("b") ? "c" : "b";
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            Recorder lateEvents = new Recorder();
            MeetingSession late = session(otherDoor, "Late", lateEvents);
            late.join(id, null);
            await().atMost(WAIT).until(() -> lateEvents.inMeeting() || lateEvents.ended() != null);
            return lateEvents.inMeeting();
        });
        MeetingSession host = sessions.getFirst();
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 3);
        assertThat(hostEvents.states).as("the meeting went on without a hitch")
                .noneMatch(s -> s instanceof SessionState.Reconnecting || s instanceof SessionState.Ended);
        assertThat(guestEvents.states).noneMatch(s -> s instanceof SessionState.Reconnecting || s instanceof SessionState.Ended);
    }

    @Test
    void aRawClientIsToldWhereTheMeetingRunsAndWhatIsNotInTheClusterAtAll() throws Exception {
        TestClient host = TestClient.greeted(url("a"));
        ServerMessage.Joined created = host.create("Ada", null);
        String owner = ownerOf(0);
        String otherDoor = owner.equals("b") ? "c" : "b";
        List<String> others = host.next(ServerMessage.ClusterNodes.class).nodes();
        while (others.size() < 2) { // a node that just started learns of the others with its next heartbeat
            others = host.next(ServerMessage.ClusterNodes.class).nodes();
        }
        assertThat(others).as("the other two nodes").hasSize(2).doesNotContain(url(owner).toString());

        TestClient guest = TestClient.greeted(url(otherDoor));
        guest.send(new ClientMessage.Join(created.meetingId(), "Grace", null));
        assertThat(guest.next(ServerMessage.Redirect.class))
                .isEqualTo(new ServerMessage.Redirect(url(owner).toString(), "join", created.meetingId()));
        guest.send(new ClientMessage.Resume(created.resumeToken()));
        assertThat(guest.next(ServerMessage.Redirect.class))
                .isEqualTo(new ServerMessage.Redirect(url(owner).toString(), "resume", null));

        guest.send(new ClientMessage.Join("1000000000", "Grace", null));
        assertThat(guest.nextError().code()).isEqualTo(ErrorCode.MEETING_NOT_FOUND);
        guest.send(new ClientMessage.Resume("not-a-token-anyone-was-given"));
        assertThat(guest.nextError().code()).isEqualTo(ErrorCode.RESUME_REJECTED);
        guest.close();
        host.close();
    }

    @Test
    void aNodeKeepsPublishingAfterManyChanges() {
        Recorder hostEvents = new Recorder();
        String id = create("a", "Ada", hostEvents);
        String owner = ownerOf(0);
        // Every join and leave publishes the meeting at once: far more publishes than a pool has connections.
        for (int i = 0; i < 20; i++) {
            MeetingSession visitor = join(owner, "Visitor " + i, id, new Recorder());
            visitor.leave();
            await().atMost(WAIT).until(() -> sessions.getFirst().roster().participants().size() == 1);
        }
        String otherDoor = owner.equals("b") ? "c" : "b";
        join(otherDoor, "Grace", id, new Recorder());

        try (RedisClient client = RedisClient.create(redis.uri())) {
            await().atMost(WAIT).until(() -> "2".equals(client.hget("confab:node:" + owner, "participants")));
        }
    }

    @Test
    void theBotFollowsARedirectToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path hostStats = dir.resolve("host.json");
        var host = CliRun.inBackground("bot", "--server", url("a").toString(), "--new", "--name", "HostBot",
                "--duration", "6s", "--stats-json", hostStats.toString());
        String meetingId = host.meetingId();
        String owner = ownerOf(0);
        String otherDoor = owner.equals("b") ? "c" : "b";

        CliRun guest = CliRun.of("bot", "--server", url(otherDoor).toString(), "--meeting", meetingId,
                "--name", "GuestBot", "--duration", "500ms", "--chat", "hello through another node");

        assertThat(guest.exitCode()).as(guest.err()).isZero();
        assertThat(host.result().exitCode()).isZero();
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hostStats.toFile());
        assertThat(report.get("messagesReceived").get(0).get("text").asText()).isEqualTo("hello through another node");
    }

    private static boolean back(Recorder events) {
        return events.states.getLast() instanceof SessionState.InMeeting
                && events.states.stream().anyMatch(s -> s instanceof SessionState.Reconnecting);
    }
}
