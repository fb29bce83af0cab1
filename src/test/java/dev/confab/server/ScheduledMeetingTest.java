package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.MutableClock;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scheduled meetings over real sockets: scheduling, starting as host, joining, cancelling, expiry, restarts. */
@IntegrationTest
class ScheduledMeetingTest {

    private static final Duration GRACE = Duration.ofMinutes(30);

    private final MutableClock clock = new MutableClock();
    private final List<TestClient> clients = new ArrayList<>();
    @TempDir
    Path dataDir;
    private MeetingServer server;

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        if (server != null) {
            server.stop();
        }
    }

    private void startServer(int maxPerAddress) throws Exception {
        server = new MeetingServer(TestServers.loopback().dataDir(dataDir).scheduleLimits(new ScheduleLimits(
                maxPerAddress, 100, GRACE, Duration.ofDays(7), Duration.ofDays(366), Duration.ofMillis(50))), clock);
        server.start();
    }

    private TestClient client() throws InterruptedException {
        TestClient client = TestClient.greeted(server.url());
        clients.add(client);
        return client;
    }

    private ClientMessage.MeetingPlan plan(String title, Instant start, int minutes, String passcode) {
        return new ClientMessage.MeetingPlan(title, start, minutes, "Europe/Berlin", passcode, false,
                RecordingPolicy.NOBODY);
    }

    private ServerMessage.MeetingScheduled schedule(TestClient client, ClientMessage.MeetingPlan plan)
            throws InterruptedException {
        client.send(new ClientMessage.ScheduleMeeting(plan));
        return client.next(ServerMessage.MeetingScheduled.class);
    }

    private ServerMessage.ErrorMessage refusal(TestClient client, ClientMessage message) throws InterruptedException {
        client.send(message);
        return client.nextError();
    }

    @Test
    void inviteesWaitForTheSchedulerWhoOpensTheMeetingAsHostWithItsTitlePasscodeWaitingRoomAndRecordingDefault() throws Exception {
        startServer(5);
        Instant start = clock.instant().plus(Duration.ofDays(2));
        TestClient scheduler = client();
        var scheduled = schedule(scheduler, new ClientMessage.MeetingPlan("Budget review", start, 45, "Europe/Berlin",
                "4711", true, RecordingPolicy.NOBODY));
        assertThat(scheduled.meetingId()).matches("\\d{10}");
        assertThat(scheduled.hostKey()).hasSize(43);
        assertThat(scheduled.validUntil()).isEqualTo(start.plus(Duration.ofMinutes(45)).plus(GRACE));
        assertThat(scheduled.passcodeProtected()).isTrue();
        assertThat(scheduled.waitingRoom()).isTrue();

        TestClient invitee = client();
        var early = refusal(invitee, new ClientMessage.Join(scheduled.meetingId(), "Ines", "4711"));
        assertThat(early.code()).isEqualTo(ErrorCode.MEETING_NOT_STARTED);
        assertThat(early.message()).contains(start.toString());

        TestClient host = client();
        host.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        var hostJoined = host.next(ServerMessage.Joined.class);
        assertThat(hostJoined.hostId()).isEqualTo(hostJoined.selfId());
        assertThat(hostJoined.topic()).isEqualTo("Budget review");
        assertThat(hostJoined.passcodeProtected()).isTrue();
        assertThat(host.next(ServerMessage.RecordingPolicyChanged.class).policy()).isEqualTo(RecordingPolicy.NOBODY);

        assertThat(refusal(invitee, new ClientMessage.Join(scheduled.meetingId(), "Ines", null)).code())
                .isEqualTo(ErrorCode.PASSCODE_REQUIRED);
        invitee.send(new ClientMessage.Join(scheduled.meetingId(), "Ines", "4711"));
        assertThat(invitee.next(ServerMessage.Waiting.class).meetingId()).as("the plan's waiting room is on")
                .isEqualTo(scheduled.meetingId());
        host.send(new ClientMessage.Admit(null));
        var inviteeJoined = invitee.next(ServerMessage.Joined.class);
        assertThat(inviteeJoined.hostId()).isEqualTo(hostJoined.selfId());
    }

    @Test
    void theSchedulerTakesTheHostRoleBackWhenRejoining() throws Exception {
        startServer(5);
        TestClient scheduler = client();
        var scheduled = schedule(scheduler, plan("Stand-up", clock.instant(), 15, null));
        TestClient host = client();
        host.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        host.next(ServerMessage.Joined.class);
        TestClient guest = client();
        int guestId = guest.join(scheduled.meetingId(), "Gus", null).selfId();
        host.send(new ClientMessage.Leave());
        await().until(() -> guest.next(ServerMessage.MeetingUpdated.class).hostId() == guestId);

        TestClient back = client();
        back.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        int backId = back.next(ServerMessage.Joined.class).selfId();
        assertThat(guest.next(ServerMessage.MeetingUpdated.class).hostId()).isEqualTo(backId);
    }

    @Test
    void scheduledMeetingsSurviveARestartAndTheFileHoldsNeitherHostKeyNorPasscode() throws Exception {
        startServer(5);
        var scheduled = schedule(client(), plan("Quarterly plan", clock.instant().plus(Duration.ofHours(3)), 60,
                "secret-passcode"));
        clients.forEach(TestClient::close);
        clients.clear();
        server.stop();

        String stored = Files.readString(dataDir.resolve(ScheduleFile.NAME));
        assertThat(stored).contains(scheduled.meetingId(), "Quarterly plan")
                .doesNotContain(scheduled.hostKey(), "secret-passcode");

        startServer(5);
        TestClient invitee = client();
        assertThat(refusal(invitee, new ClientMessage.Join(scheduled.meetingId(), "Ines", null)).code())
                .isEqualTo(ErrorCode.MEETING_NOT_STARTED);
        TestClient host = client();
        host.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        assertThat(host.next(ServerMessage.Joined.class).topic()).isEqualTo("Quarterly plan");
        assertThat(invitee.join(scheduled.meetingId(), "Ines", "secret-passcode").meetingId())
                .isEqualTo(scheduled.meetingId());
    }

    @Test
    void afterItsEndPlusGraceTheMeetingIsDeletedAndItsIdSaysExpired() throws Exception {
        startServer(5);
        var scheduled = schedule(client(), plan("Retro", clock.instant().plus(Duration.ofHours(1)), 30, null));
        clock.advance(Duration.ofHours(1).plusMinutes(30).plus(GRACE).minusSeconds(1));
        TestClient host = client();
        host.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        host.next(ServerMessage.Joined.class);
        host.send(new ClientMessage.Leave());
        host.awaitClose();

        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !Files.readString(dataDir.resolve(ScheduleFile.NAME)).contains("Retro"));
        TestClient late = client();
        assertThat(refusal(late, new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(),
                "Hanna", null)).code()).isEqualTo(ErrorCode.MEETING_EXPIRED);
    }

    @Test
    void onlyTheHostKeyCancelsAndCancellingEndsTheRunningMeetingForEveryone() throws Exception {
        startServer(5);
        TestClient scheduler = client();
        var scheduled = schedule(scheduler, plan("Offsite", clock.instant(), 60, null));
        TestClient host = client();
        host.send(new ClientMessage.StartScheduled(scheduled.meetingId(), scheduled.hostKey(), "Hanna", null));
        host.next(ServerMessage.Joined.class);
        TestClient guest = client();
        guest.join(scheduled.meetingId(), "Gus", null);

        TestClient stranger = client();
        assertThat(refusal(stranger, new ClientMessage.CancelScheduled(scheduled.meetingId(), "not-the-key")).code())
                .isEqualTo(ErrorCode.WRONG_HOST_KEY);

        scheduler.send(new ClientMessage.CancelScheduled(scheduled.meetingId(), scheduled.hostKey()));
        assertThat(scheduler.next(ServerMessage.ScheduledCancelled.class).meetingId()).isEqualTo(scheduled.meetingId());
        assertThat(guest.next(ServerMessage.MeetingLeft.class).reason()).isEqualTo(LeaveReason.ENDED_BY_HOST);
        TestClient late = client();
        var cancelled = refusal(late, new ClientMessage.Join(scheduled.meetingId(), "Lea", null));
        assertThat(cancelled.code()).isEqualTo(ErrorCode.MEETING_CANCELLED);
        assertThat(cancelled.message()).contains("cancelled");
    }

    @Test
    void theSchedulerCanMoveAMeetingKeepingItsId() throws Exception {
        startServer(5);
        TestClient scheduler = client();
        var scheduled = schedule(scheduler, plan("Demo", clock.instant().plus(Duration.ofDays(1)), 30, null));
        Instant later = clock.instant().plus(Duration.ofDays(3));
        scheduler.send(new ClientMessage.UpdateScheduled(scheduled.meetingId(), scheduled.hostKey(),
                plan("Demo (moved)", later, 60, "new")));
        var moved = scheduler.next(ServerMessage.MeetingScheduled.class);
        assertThat(moved.meetingId()).isEqualTo(scheduled.meetingId());
        assertThat(moved.hostKey()).isNull();
        assertThat(moved.title()).isEqualTo("Demo (moved)");
        assertThat(moved.start()).isEqualTo(later);
        assertThat(moved.passcodeProtected()).isTrue();
    }

    @Test
    void badPlansAreRefusedWithTheReasonAndTheAddressLimitHoldsWhileOthersCanStillSchedule() throws Exception {
        startServer(2);
        TestClient client = client();
        Instant now = clock.instant();
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(plan("Old", now.minus(Duration.ofHours(1)), 30, null))))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEDULE);
                    assertThat(e.message()).contains("past");
                });
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(plan("Short", now, 2, null))).message())
                .contains("durationMinutes");
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(plan("Long", now, 25 * 60, null))).message())
                .contains("durationMinutes");
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(plan("Far", now.plus(Duration.ofDays(400)), 30,
                null))).message()).contains("days ahead");
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(plan("  ", now, 30, null))).message())
                .contains("title");
        assertThat(refusal(client, new ClientMessage.ScheduleMeeting(new ClientMessage.MeetingPlan("Zone", now, 30,
                "Mars/Olympus_Mons", null, false, null))).message()).contains("timeZone");
        client.send("{\"type\":\"schedule_meeting\",\"plan\":{\"title\":\"T\",\"start\":\"next tuesday\","
                + "\"durationMinutes\":30,\"timeZone\":\"UTC\"}}");
        assertThat(client.nextError().code()).isEqualTo(ErrorCode.INVALID_MESSAGE);

        schedule(client, plan("One", now, 30, null));
        schedule(client(), plan("Two", now, 30, null));
        var third = refusal(client, new ClientMessage.ScheduleMeeting(plan("Three", now, 30, null)));
        assertThat(third.code()).isEqualTo(ErrorCode.TOO_MANY_SCHEDULED);

        TestClient elsewhere = TestClient.greetedFrom("127.0.0.2", server.url());
        clients.add(elsewhere);
        assertThat(schedule(elsewhere, plan("Three", now, 30, null)).meetingId()).matches("\\d{10}");
    }

    @Test
    void unknownIdsAreStillNotFound() throws Exception {
        startServer(5);
        TestClient client = client();
        assertThat(refusal(client, new ClientMessage.Join("1234567890", "Ines", null)).code())
                .isEqualTo(ErrorCode.MEETING_NOT_FOUND);
        assertThat(refusal(client, new ClientMessage.StartScheduled("1234567890", "key", "Ines", null)).code())
                .isEqualTo(ErrorCode.MEETING_NOT_FOUND);
    }
}
