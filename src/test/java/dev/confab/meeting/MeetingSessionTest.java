package dev.confab.meeting;

import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class MeetingSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeetingServer server;
    private final List<MeetingSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.loopback());
    }

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        server.stop();
    }

    private MeetingSession session(URI url, String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(url, name, ServerTrust.systemOnly()), recorder);
        sessions.add(session);
        return session;
    }

    private String createMeeting(MeetingSession host, Recorder recorder, String passcode) {
        host.createMeeting(passcode);
        await().atMost(WAIT).until(recorder::inMeeting);
        return host.roster().meetingId();
    }

    @Test
    void createThenJoinShowsALiveRosterToBoth() {
        Recorder hostEvents = new Recorder();
        MeetingSession host = session(server.url(), "Ada", hostEvents);
        String id = createMeeting(host, hostEvents, null);
        assertThat(hostEvents.states.getFirst()).isInstanceOf(SessionState.Connecting.class);
        assertThat(host.roster().selfIsHost()).isTrue();
        assertThatThrownBy(() -> host.join(id, null)).as("sessions are single-use").isInstanceOf(IllegalStateException.class);

        Recorder guestEvents = new Recorder();
        MeetingSession guest = session(server.url(), "Grace", guestEvents);
        guest.join(id.substring(0, 3) + " " + id.substring(3), null);
        await().atMost(WAIT).until(guestEvents::inMeeting);
        assertThat(guest.roster().participants()).extracting(Attendee::displayName).containsExactly("Ada", "Grace");
        assertThat(guest.roster().selfIsHost()).isFalse();

        await().atMost(WAIT).until(() -> host.roster().participants().size() == 2);
        assertThat(hostEvents.joined).extracting(Attendee::displayName).containsExactly("Grace");

        guest.updateOwnState(OwnMediaState.INITIAL.withMuted(true).withCameraOn(true));
        await().atMost(WAIT).until(() -> host.roster().find(guest.roster().selfId()).map(Attendee::muted).orElse(false));

        guest.sendChat("hello 你好");
        await().atMost(WAIT).until(() -> !hostEvents.chats.isEmpty());
        assertThat(hostEvents.chats.getFirst().text()).isEqualTo("hello 你好");
        assertThat(hostEvents.chats.getFirst().fromName()).isEqualTo("Grace");

        guest.leave();
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).isEqualTo(EndReason.LEFT);
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 1);
        assertThat(host.roster().departed()).singleElement()
                .satisfies(d -> assertThat(d.participant().displayName()).isEqualTo("Grace"));
        assertThat(hostEvents.threads).allMatch("confab-meeting"::equals);
    }

    @Test
    void camerasTheDownlinkCannotCarryArePausedAndComeBackThroughTheSession() {
        Recorder viewerEvents = new Recorder();
        MeetingSession viewer = session(server.url(), "Viewer", viewerEvents);
        String id = createMeeting(viewer, viewerEvents, null);
        List<MeetingSession> senders = new ArrayList<>();
        for (String name : List.of("Ada", "Grace")) {
            Recorder events = new Recorder();
            MeetingSession sender = session(server.url(), name, events);
            sender.join(id, null);
            await().atMost(WAIT).until(events::inMeeting);
            sender.updateOwnState(OwnMediaState.INITIAL.withCameraOn(true));
            senders.add(sender);
        }
        await().atMost(WAIT).until(() -> viewer.roster().participants().stream().filter(Attendee::cameraOn).count() == 2);

        // 250 kbit/s less two voices (96) leaves 154: one camera's smallest layer (150), not two.
        viewer.reportReceiveEstimate(250);
        await().atMost(WAIT).until(() -> !viewerEvents.camerasPaused.isEmpty());
        assertThat(viewerEvents.camerasPaused.getLast()).as("of two cameras shown alike, the one who joined later")
                .containsExactly(senders.get(1).roster().selfId());

        viewer.reportReceiveEstimate(null);
        await().atMost(WAIT).until(() -> viewerEvents.camerasPaused.size() == 2);
        assertThat(viewerEvents.camerasPaused.getLast()).isEmpty();
        assertThat(viewerEvents.threads).allMatch("confab-meeting"::equals);
    }

    @Test
    void hostControlsWorkThroughTheSession() {
        Recorder hostEvents = new Recorder();
        MeetingSession host = session(server.url(), "Host", hostEvents);
        String id = createMeeting(host, hostEvents, "pw");
        Recorder guestEvents = new Recorder();
        MeetingSession guest = session(server.url(), "Guest", guestEvents);
        guest.join(id, "pw");
        await().atMost(WAIT).until(guestEvents::inMeeting);
        int guestId = guest.roster().selfId();

        guest.setLocked(true);
        await().atMost(WAIT).until(() -> guestEvents.requestFailures.contains(Refusal.NOT_MODERATOR));

        host.askToMute(guestId);
        await().atMost(WAIT).until(() -> guestEvents.muteRequestsFrom.size() == 1);
        assertThat(guestEvents.muteRequestsFrom.getFirst().displayName()).isEqualTo("Host");

        host.setLocked(true);
        await().atMost(WAIT).until(() -> guest.roster().locked());

        host.makeHost(guestId);
        await().atMost(WAIT).until(() -> guest.roster().selfIsHost() && !host.roster().selfIsHost());

        guest.removeParticipant(host.roster().selfId());
        await().atMost(WAIT).until(() -> hostEvents.ended() != null);
        assertThat(hostEvents.ended().reason()).isEqualTo(EndReason.REMOVED);

        guest.endForAll();
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).isEqualTo(EndReason.ENDED_BY_HOST);
    }

    @Test
    void joinFailuresAreTypedForTheUser() throws Exception {
        Recorder hostEvents = new Recorder();
        MeetingSession host = session(server.url(), "Host", hostEvents);
        String id = createMeeting(host, hostEvents, "right");

        MeetingFailure wrong = failedJoin(server.url(), id, "wrong");
        assertThat(wrong.refusal()).isEqualTo(Refusal.WRONG_PASSCODE);
        assertThat(wrong.messageKey()).isEqualTo("meeting.failure.wrong_passcode");
        failedJoin(server.url(), id, "wrong again");
        failedJoin(server.url(), id, "still wrong");
        MeetingFailure fourth = failedJoin(server.url(), id, "wrong a fourth time");
        assertThat(fourth.retryAfterSeconds()).as("past the free tries, a wrong passcode starts a wait").isPositive();
        assertThat(fourth.messageKey()).as("the user is told how long")
                .isEqualTo("meeting.failure.wrong_passcode.waitSeconds");
        assertThat(fourth.messageArgs()).containsExactly(fourth.retryAfterSeconds());
        assertThat(failedJoin(server.url(), "0000000001", null).refusal()).isEqualTo(Refusal.MEETING_NOT_FOUND);
        host.setLocked(true);
        await().atMost(WAIT).until(() -> host.roster().locked());
        MeetingFailure locked = failedJoin(server.url(), id, "right");
        assertThat(locked.kind()).isEqualTo(MeetingFailure.Kind.REFUSED);
        assertThat(locked.refusal()).isEqualTo(Refusal.MEETING_LOCKED);

        int freePort;
        try (var socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertThat(failedJoin(URI.create("ws://127.0.0.1:" + freePort), id, null).kind())
                .isEqualTo(MeetingFailure.Kind.SERVER_UNREACHABLE);
    }

    @Test
    void untrustedCertificateEndsTheJoinWithTheFingerprintToConfirm(@TempDir Path dir) throws Exception {
        MeetingServer tlsServer = new MeetingServer(new ServerConfig().bindAddress("127.0.0.1").port(0).dataDir(dir));
        tlsServer.start();
        try {
            MeetingFailure failure = failedJoin(tlsServer.url(), "1234567890", null);
            assertThat(failure.kind()).isEqualTo(MeetingFailure.Kind.CERTIFICATE_UNTRUSTED);
            assertThat(failure.certificateFingerprint()).isEqualTo(tlsServer.fingerprint());

            // The user confirms; the pin is saved, and the next attempt gets through to the server.
            KnownServers known = KnownServers.load(dir.resolve("known-servers.json"));
            known.trust(tlsServer.url(), failure.certificateFingerprint());
            Recorder events = new Recorder();
            MeetingSession session = new MeetingSession(
                    SessionOptions.of(tlsServer.url(), "Ada", known.trustFor(tlsServer.url())), events);
            sessions.add(session);
            session.createMeeting(null);
            await().atMost(WAIT).until(events::inMeeting);
        } finally {
            tlsServer.stop();
        }
    }

    @Test
    void serverShutdownEndsTheSessionWithoutReconnecting() {
        Recorder events = new Recorder();
        MeetingSession host = session(server.url(), "Host", events);
        createMeeting(host, events, null);
        server.stop();
        await().atMost(WAIT).until(() -> events.ended() != null);
        assertThat(events.ended().reason()).isEqualTo(EndReason.SERVER_SHUTDOWN);
        assertThat(events.saw(SessionState.Reconnecting.class)).isFalse();
    }

    private MeetingFailure failedJoin(URI url, String id, String passcode) {
        Recorder events = new Recorder();
        MeetingSession session = session(url, "Someone", events);
        session.join(id, passcode);
        await().atMost(WAIT).until(() -> events.ended() != null);
        assertThat(events.ended().reason()).isEqualTo(EndReason.JOIN_FAILED);
        assertThat(session.state()).isInstanceOf(SessionState.Ended.class);
        return events.ended().failure();
    }
}
