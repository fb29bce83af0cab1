package dev.confab.meeting;

import dev.confab.meeting.schedule.LocalSchedule;
import dev.confab.meeting.schedule.MeetingPlan;
import dev.confab.meeting.schedule.PlannedMeeting;
import dev.confab.meeting.schedule.ScheduleClient;
import dev.confab.meeting.schedule.ScheduleException;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.SealedFiles;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client side of scheduled meetings with real sessions: schedule, keep locally, start as host, change, cancel. */
@IntegrationTest
class ScheduledSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ScheduleClient client = new ScheduleClient(WAIT);
    private final List<MeetingSession> sessions = new ArrayList<>();
    private MeetingServer server;
    private ServerEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
        endpoint = new ServerEndpoint(server.url(), null);
    }

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        server.stop();
    }

    private MeetingSession session(String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), recorder);
        sessions.add(session);
        return session;
    }

    private static MeetingPlan plan(String title, Instant start, String passcode) {
        return new MeetingPlan(title, start, Duration.ofMinutes(45), ZoneId.of("Europe/Berlin"), passcode, false,
                RecordingRule.HOST_ONLY);
    }

    @Test
    void theSchedulerStartsItsMeetingAsHostFromTheLocalScheduleAndCancellingEndsItForGuests(@TempDir Path home)
            throws Exception {
        LocalSchedule schedule = new LocalSchedule(home.resolve(LocalSchedule.FILE_NAME), SealedFiles.PLAIN);
        Instant start = Instant.now().plus(Duration.ofHours(2));
        schedule.save(client.schedule(endpoint, plan("Design review", start, "2468")));
        PlannedMeeting planned = schedule.upcoming(Instant.now()).getFirst();
        assertThat(planned.plan().title()).isEqualTo("Design review");
        assertThat(planned.validUntil()).isAfter(planned.end());

        Recorder early = new Recorder();
        session("Gus", early).join(planned.meetingId(), "2468");
        await().atMost(WAIT).until(() -> early.ended() != null);
        assertThat(early.ended().failure().refusal()).isEqualTo(Refusal.MEETING_NOT_STARTED);

        Recorder hostEvents = new Recorder();
        MeetingSession host = session("Hanna", hostEvents);
        host.startScheduled(planned.meetingId(), planned.hostKey());
        await().atMost(WAIT).until(hostEvents::inMeeting);
        assertThat(host.roster().selfIsHost()).isTrue();
        await().atMost(WAIT).until(() -> "Design review".equals(host.topic()));

        Recorder guestEvents = new Recorder();
        session("Gus", guestEvents).join(planned.meetingId(), "2468");
        await().atMost(WAIT).until(guestEvents::inMeeting);

        PlannedMeeting moved = client.update(planned, plan("Design review (long)", start, "2468"));
        schedule.save(moved);
        assertThat(schedule.find(planned.meetingId()).sequence()).isEqualTo(1);

        client.cancel(moved);
        schedule.remove(moved.meetingId());
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).isEqualTo(EndReason.ENDED_BY_HOST);
        assertThat(schedule.upcoming(Instant.now())).isEmpty();
        assertThat(home.resolve(LocalSchedule.FILE_NAME)).doesNotExist();
    }

    @Test
    void refusalsArriveAsTypedFailures() {
        assertThatThrownBy(() -> client.schedule(endpoint, plan("Yesterday", Instant.now().minus(Duration.ofDays(1)), null)))
                .isInstanceOfSatisfying(ScheduleException.class, e -> {
                    assertThat(e.failure().refusal()).isEqualTo(Refusal.INVALID_SCHEDULE);
                    assertThat(e.failure().messageKey()).isEqualTo("meeting.failure.invalid_schedule");
                });
    }
}
