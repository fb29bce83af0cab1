package dev.confab.meeting;

import dev.confab.meeting.poll.PollDraft;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a meeting keeps when its node dies and another node takes it over (issue #24): host and co-hosts, lock and
 * passcode, raised hands, the open poll with who voted, the people in the waiting room in their order, and the share
 * in progress (announced again by the sharer's client). Each test changes something, waits until the owner has
 * published it to the real Redis, kills the owner, and checks it on the node the meeting moved to.
 */
@IntegrationTest
class ClusterMoveTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final TestCluster cluster = TestCluster.of("a", "b", "c");

    /** A participant and what it saw. */
    private record Person(MeetingSession session, Recorder events) {
        Roster roster() {
            return session.roster();
        }
    }

    private Person person(String node, String name) {
        Recorder events = new Recorder();
        return new Person(cluster.session(node, name, events), events);
    }

    private Person host(String passcode, boolean waitingRoom) {
        Person host = person("a", "Ada");
        host.session().createMeeting(passcode, waitingRoom, false);
        await().atMost(WAIT).until(host.events()::inMeeting);
        return host;
    }

    /** Joins through a node that does not own the meeting (redirected), and waits until in the meeting. */
    private Person guest(String meetingId, String name, String passcode) {
        Person guest = person(cluster.otherThan(owner(meetingId)), name);
        guest.session().join(meetingId, passcode);
        await().atMost(WAIT).until(guest.events()::inMeeting);
        return guest;
    }

    private String owner(String meetingId) {
        try (RedisClient redis = cluster.client()) {
            return redis.get("confab:meeting:" + meetingId);
        }
    }

    /** Waits until the owner has published a snapshot of the meeting that passes {@code check}, then kills it. */
    private String killOwnerOnce(String meetingId, Predicate<String> check) {
        String owner = owner(meetingId);
        try (RedisClient redis = cluster.client()) {
            await().atMost(WAIT).until(() -> {
                String json = redis.get("confab:snapshot:" + meetingId);
                return json != null && check.test(json);
            });
        }
        cluster.halt(owner);
        return owner;
    }

    /** Everyone is back in the meeting on another node, every seat connected. */
    private void awaitMoved(String formerOwner, Person... people) {
        await().atMost(WAIT).until(() -> List.of(people).stream().allMatch(p -> p.events().inMeeting()
                && p.events().saw(SessionState.Reconnecting.class)
                && p.roster().participants().stream().allMatch(Attendee::connected)));
        assertThat(cluster.nodes().entrySet().stream().filter(node -> !node.getKey().equals(formerOwner))
                .mapToInt(node -> node.getValue().meetingCount()).sum()).as("re-homed on a live node").isEqualTo(1);
    }

    @Test
    void hostCohostLockAndPasscodeSurvive() {
        Person ada = host("4711", false);
        String id = ada.roster().meetingId();
        Person grace = guest(id, "Grace", "4711");
        int graceId = grace.roster().selfId();
        ada.session().setCohost(graceId, true);
        ada.session().setLocked(true);
        await().atMost(WAIT).until(() -> grace.roster().locked()
                && grace.roster().find(graceId).map(Attendee::cohost).orElse(false));

        String dead = killOwnerOnce(id, json -> json.contains("\"locked\":true") && json.contains("\"COHOST\""));
        awaitMoved(dead, ada, grace);

        assertThat(ada.roster().selfIsHost()).as("still the host").isTrue();
        assertThat(grace.roster().find(graceId).map(Attendee::cohost)).as("still a co-host").contains(true);
        assertThat(grace.roster().locked()).as("still locked").isTrue();
        Person locked = person(cluster.otherThan(dead), "Lin");
        locked.session().join(id, "4711");
        await().atMost(WAIT).until(() -> locked.events().ended() != null);
        assertThat(locked.events().ended().failure().refusal()).isEqualTo(Refusal.MEETING_LOCKED);

        ada.session().setLocked(false);
        await().atMost(WAIT).until(() -> !grace.roster().locked());
        Person wrong = person(cluster.otherThan(dead), "Lin");
        wrong.session().join(id, "1234");
        await().atMost(WAIT).until(() -> wrong.events().ended() != null);
        assertThat(wrong.events().ended().failure().refusal()).as("the passcode moved with the meeting")
                .isEqualTo(Refusal.WRONG_PASSCODE);
        guest(id, "Lin", "4711");
    }

    @Test
    void raisedHandsAndTheOpenPollWithWhoVotedSurvive() {
        Person ada = host(null, false);
        String id = ada.roster().meetingId();
        Person grace = guest(id, "Grace", null);
        Person lin = guest(id, "Lin", null);
        int graceId = grace.roster().selfId();
        grace.session().raiseHand(true);
        ada.session().launchPoll(new PollDraft("Tea or coffee?", List.of("Tea", "Coffee"), false));
        await().atMost(WAIT).until(() -> grace.session().poll() != null && lin.session().poll() != null);
        int pollId = ada.session().poll().id();
        grace.session().vote(pollId, List.of(1));
        await().atMost(WAIT).until(() -> ada.session().poll().voters() == 1
                && ada.session().raisedHands().equals(List.of(graceId)));

        String dead = killOwnerOnce(id, json -> json.contains("\"raisedHands\":[" + graceId + "]")
                && json.contains("\"voters\":[" + graceId + "]"));
        awaitMoved(dead, ada, grace, lin);

        await().atMost(WAIT).until(() -> ada.events().hands.get().equals(List.of(graceId)));
        assertThat(lin.session().raisedHands()).as("the hand is still up for everyone").containsExactly(graceId);
        assertThat(lin.session().poll().open()).as("the poll is still open").isTrue();
        lin.session().vote(pollId, List.of(0));
        await().atMost(WAIT).until(() -> lin.session().poll().voters() == 2);
        await().atMost(WAIT).until(() -> ada.session().poll().results().totals().equals(List.of(1, 1)));
        assertThat(ada.session().poll().voters()).as("Grace's vote still counts, once").isEqualTo(2);
    }

    @Test
    void peopleInTheWaitingRoomKeepTheirPlacesAndCanBeAdmittedOnTheNewNode() {
        Person ada = host(null, true);
        String id = ada.roster().meetingId();
        String owner = owner(id);
        Person first = person(cluster.otherThan(owner), "Grace");
        first.session().join(id, null);
        await().atMost(WAIT).until(() -> first.events().saw(SessionState.Waiting.class));
        Person second = person(owner, "Lin");
        second.session().join(id, null);
        await().atMost(WAIT).until(() -> ada.session().waiting().size() == 2);
        List<WaitingPerson> before = ada.session().waiting();

        String dead = killOwnerOnce(id, json -> json.contains("\"displayName\":\"Lin\",\"chatKey\""));
        awaitMoved(dead, ada);
        // Each waiting client is told it is taking its place back ("regaining"), then "waiting" again once it has it.
        await().atMost(WAIT).until(() -> List.of(first, second).stream().allMatch(p ->
                p.events().states.stream().filter(state -> state instanceof SessionState.Waiting w && !w.regaining())
                        .count() == 2));
        assertThat(List.of(first, second)).allSatisfy(p -> assertThat(p.events().states)
                .contains(new SessionState.Waiting(id, true)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(ada.session().waiting())
                .as("the same people, ids and order").isEqualTo(before));
        assertThat(List.of(first, second)).allSatisfy(p -> assertThat(p.events().states)
                .as("never out of the waiting room").noneMatch(SessionState.Ended.class::isInstance));
        ada.session().admit(before.getFirst().waitingId());
        await().atMost(WAIT).until(first.events()::inMeeting);
        assertThat(ada.session().waiting()).extracting(WaitingPerson::displayName).containsExactly("Lin");
        assertThat(second.events().last()).isInstanceOf(SessionState.Waiting.class);
    }

    @Test
    void aShareInProgressGoesOnAfterTheMove() {
        Person ada = host(null, false);
        String id = ada.roster().meetingId();
        Person grace = guest(id, "Grace", null);
        int graceId = grace.roster().selfId();
        grace.session().startShare(false);
        await().atMost(WAIT).until(() -> ada.roster().find(graceId).map(Attendee::sharing).orElse(false));

        String dead = killOwnerOnce(id, json -> json.contains("\"seats\""));
        awaitMoved(dead, ada, grace);

        await().atMost(WAIT).until(() -> ada.roster().find(graceId).map(Attendee::sharing).orElse(false));
        ada.session().startShare(false);
        await().atMost(WAIT).until(() -> ada.events().refusedRequests.contains("share_start SHARE_IN_PROGRESS"));
    }
}
