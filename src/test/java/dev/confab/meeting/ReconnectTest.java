package dev.confab.meeting;

import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TcpProxy;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real connection loss through a TCP proxy: drops, dead links, and expiry of the server-side session. */
@IntegrationTest
class ReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private MeetingServer server;
    private TcpProxy proxy;
    private final List<MeetingSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        sessions.forEach(MeetingSession::close);
        proxy.close();
        server.stop();
    }

    private void start(Duration resumeGrace) throws Exception {
        server = TestServers.start(TestServers.loopback().resumeGrace(resumeGrace));
        proxy = new TcpProxy(server.port());
    }

    private MeetingSession session(String name, Recorder recorder, Duration reconnectTimeout, boolean viaProxy) {
        var url = viaProxy ? proxy.url("ws") : server.url();
        var session = new MeetingSession(SessionOptions.of(url, name, ServerTrust.systemOnly())
                .withReconnectTimeout(reconnectTimeout), recorder);
        sessions.add(session);
        return session;
    }

    /** A host connected directly and a guest connected through the proxy, both in one meeting. */
    private MeetingSession[] meeting(Recorder hostEvents, Recorder guestEvents, Duration reconnectTimeout) {
        MeetingSession host = session("Host", hostEvents, Duration.ofSeconds(30), false);
        host.createMeeting(null);
        await().atMost(WAIT).until(hostEvents::inMeeting);
        MeetingSession guest = session("Guest", guestEvents, reconnectTimeout, true);
        guest.join(host.roster().meetingId(), null);
        await().atMost(WAIT).until(guestEvents::inMeeting);
        return new MeetingSession[]{host, guest};
    }

    @Test
    void droppedConnectionResumesWithTheSameIdentity() throws Exception {
        start(Duration.ofSeconds(30));
        Recorder hostEvents = new Recorder();
        Recorder guestEvents = new Recorder();
        MeetingSession[] both = meeting(hostEvents, guestEvents, Duration.ofSeconds(30));
        MeetingSession host = both[0];
        MeetingSession guest = both[1];
        int guestId = guest.roster().selfId();

        proxy.dropAll();
        await().atMost(WAIT).until(() -> guestEvents.saw(SessionState.Reconnecting.class));
        await().atMost(WAIT).until(guestEvents::inMeeting);

        assertThat(guest.roster().selfId()).isEqualTo(guestId);
        assertThat(guest.roster().participants()).hasSize(2);
        await().atMost(WAIT).until(() -> host.roster().find(guestId).map(Attendee::connected).orElse(false));
        assertThat(host.roster().participants()).hasSize(2);
        assertThat(hostEvents.departed).isEmpty();

        guest.sendChat("still here");
        await().atMost(WAIT).until(() -> hostEvents.chats.stream().anyMatch(c -> c.fromId() == guestId));
    }

    /** Someone left while the guest was away: the host's new media key never reached it, so it gets another. */
    @Test
    void mediaKeysChangedWhileAwayReachTheGuestAfterItsResume() throws Exception {
        start(Duration.ofSeconds(30));
        Recorder hostEvents = new Recorder();
        Recorder guestEvents = new Recorder();
        MeetingSession[] both = meeting(hostEvents, guestEvents, Duration.ofSeconds(30));
        MeetingSession host = both[0];
        MeetingSession guest = both[1];
        Recorder linEvents = new Recorder();
        MeetingSession lin = session("Lin", linEvents, Duration.ofSeconds(30), false);
        lin.join(host.roster().meetingId(), null);
        await().atMost(WAIT).until(linEvents::inMeeting);
        await().atMost(WAIT).until(() -> guest.encryption().hasKeyFrom(host.roster().selfId()));

        proxy.refuseNewConnections(true);
        proxy.dropAll();
        await().atMost(WAIT).until(() -> guestEvents.saw(SessionState.Reconnecting.class));
        long keyWhileGuestAway = host.encryption().sendingKid();
        lin.leave();
        await().atMost(WAIT).until(() -> host.encryption().sendingKid() > keyWhileGuestAway);
        proxy.refuseNewConnections(false);
        await().atMost(WAIT).until(guestEvents::inMeeting);

        long opened = guest.mediaEncryption().decrypted();
        long[] sequence = {0};
        await().atMost(WAIT).until(() -> {
            host.sendMedia(new dev.confab.protocol.MediaFrameHeader(dev.confab.protocol.StreamKind.AUDIO, true,
                    dev.confab.protocol.MediaCodec.OPUS, sequence[0]++, System.currentTimeMillis() * 1000),
                    java.nio.ByteBuffer.wrap(new byte[]{1, 2, 3}));
            return guest.mediaEncryption().decrypted() > opened;
        });
    }

    @Test
    void silentlyDeadLinkIsDetectedByKeepAlive() throws Exception {
        start(Duration.ofSeconds(30));
        Recorder guestEvents = new Recorder();
        meeting(new Recorder(), guestEvents, Duration.ofSeconds(30));
        proxy.freeze();
        await().atMost(Duration.ofSeconds(12)).until(() -> guestEvents.saw(SessionState.Reconnecting.class));
    }

    @Test
    void reconnectingGivesUpAfterTheTimeoutAndSaysSo() throws Exception {
        start(Duration.ofSeconds(30));
        Recorder guestEvents = new Recorder();
        meeting(new Recorder(), guestEvents, Duration.ofSeconds(2));
        proxy.refuseNewConnections(true);
        proxy.dropAll();
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).isEqualTo(EndReason.CONNECTION_LOST);
        assertThat(guestEvents.ended().failure().kind()).isEqualTo(MeetingFailure.Kind.CONNECTION_LOST);
        assertThat(guestEvents.states).filteredOn(SessionState.Reconnecting.class::isInstance).isNotEmpty();
    }

    @Test
    void sessionForgottenByTheServerEndsAsExpired() throws Exception {
        start(Duration.ofMillis(300));
        Recorder hostEvents = new Recorder();
        Recorder guestEvents = new Recorder();
        MeetingSession host = meeting(hostEvents, guestEvents, Duration.ofSeconds(30))[0];
        proxy.refuseNewConnections(true);
        proxy.dropAll();
        await().atMost(WAIT).until(() -> host.roster().participants().size() == 1);
        proxy.refuseNewConnections(false);
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().failure().kind()).isEqualTo(MeetingFailure.Kind.SESSION_EXPIRED);
    }
}
