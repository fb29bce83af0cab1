package dev.confab.meeting;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled meetings of a cluster live in its Redis (issue #24): any node answers for them, starts them and
 * cancels them, and they outlive the node they were scheduled on.
 */
@IntegrationTest
class ClusterScheduleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestCluster cluster = TestCluster.of("a", "b", "c");

    private TestClient client(String node) throws InterruptedException {
        return cluster.client(node);
    }

    @Test
    void aMeetingScheduledOnANodeThatDiedIsStartedJoinedAndCancelledThroughTheOthers() throws Exception {
        TestClient scheduler = client("a");
        scheduler.send(new ClientMessage.ScheduleMeeting(new ClientMessage.MeetingPlan("Budget review",
                Instant.now().plus(Duration.ofMinutes(10)), 45, "Europe/Berlin", "4711", false, RecordingPolicy.NOBODY)));
        ServerMessage.MeetingScheduled scheduled = scheduler.next(ServerMessage.MeetingScheduled.class);
        String id = scheduled.meetingId();

        cluster.node("a").halt();

        TestClient early = client("b");
        early.send(new ClientMessage.Join(id, "Grace", "4711"));
        assertThat(early.nextError().code()).as("answered from the cluster's schedule")
                .isEqualTo(ErrorCode.MEETING_NOT_STARTED);

        Recorder hostEvents = new Recorder();
        MeetingSession host = cluster.session("c", "Ada", hostEvents);
        host.startScheduled(id, scheduled.hostKey());
        await().atMost(WAIT).until(hostEvents::inMeeting);
        assertThat(host.roster().selfIsHost()).isTrue();
        assertThat(cluster.node("c").meetingCount()).as("opened where it was started").isEqualTo(1);

        TestClient secondStart = client("b");
        secondStart.send(new ClientMessage.StartScheduled(id, scheduled.hostKey(), "Ada again", null));
        assertThat(secondStart.next(ServerMessage.Redirect.class)).as("never opened twice")
                .isEqualTo(new ServerMessage.Redirect(cluster.url("c").toString(), "start_scheduled", id));

        Recorder guestEvents = new Recorder();
        MeetingSession guest = cluster.session("b", "Grace", guestEvents);
        guest.join(id, "4711");
        await().atMost(WAIT).until(guestEvents::inMeeting);
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 2);

        TestClient canceller = client("b");
        canceller.send(new ClientMessage.CancelScheduled(id, scheduled.hostKey()));
        assertThat(canceller.next(ServerMessage.ScheduledCancelled.class).meetingId()).isEqualTo(id);
        await().atMost(WAIT).until(() -> hostEvents.ended() != null && guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).as("the node running it ended it").isEqualTo(EndReason.ENDED_BY_HOST);

        TestClient late = client("c");
        late.send(new ClientMessage.Join(id, "Lin", "4711"));
        assertThat(late.nextError().code()).isEqualTo(ErrorCode.MEETING_CANCELLED);
    }

    @Test
    void aChangeThroughOneNodeIsWhatAnotherNodeAnswers() throws Exception {
        TestClient scheduler = client("a");
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        scheduler.send(new ClientMessage.ScheduleMeeting(new ClientMessage.MeetingPlan("Retro", start, 30, "UTC",
                null, false, RecordingPolicy.HOST_ONLY)));
        ServerMessage.MeetingScheduled scheduled = scheduler.next(ServerMessage.MeetingScheduled.class);

        TestClient editor = client("b");
        editor.send(new ClientMessage.UpdateScheduled(scheduled.meetingId(), scheduled.hostKey(),
                new ClientMessage.MeetingPlan("Retro (moved)", start.plus(Duration.ofDays(1)), 60, "UTC", null, true,
                        RecordingPolicy.HOST_ONLY)));
        assertThat(editor.next(ServerMessage.MeetingScheduled.class).title()).isEqualTo("Retro (moved)");

        TestClient wrongKey = client("c");
        wrongKey.send(new ClientMessage.CancelScheduled(scheduled.meetingId(), "not-the-host-key"));
        assertThat(wrongKey.nextError().code()).isEqualTo(ErrorCode.WRONG_HOST_KEY);
        TestClient joiner = client("c");
        joiner.send(new ClientMessage.Join(scheduled.meetingId(), "Grace", null));
        assertThat(joiner.nextError().message()).as("the new plan, wherever asked")
                .contains(start.plus(Duration.ofDays(1)).toString());
    }
}
