package dev.confab.meeting;

import dev.confab.netem.LinkEmulator;
import dev.confab.netem.LinkSpec;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.signaling.SignalingConnection;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full outage between a participant and the server (the link emulator passes nothing either way and resets
 * nothing, like a Wi-Fi that drops out): the client notices within a few seconds, retries quickly while the
 * network is still gone, is back in the same seat soon after it returns, and what was typed meanwhile arrives.
 */
@IntegrationTest
class OutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private MeetingServer server;
    private LinkEmulator link;
    private final List<MeetingSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(MeetingSession::close);
        link.close();
        server.stop();
    }

    @Test
    void afterASixSecondOutageTheClientIsBackInItsSeatAndItsChatIsDelivered() throws Exception {
        server = TestServers.start(TestServers.loopback());
        link = LinkEmulator.inFrontOf(server.url(), LinkSpec.parse("outage " + OUTAGE.toMillis() + "ms"),
                LinkEmulator.ScheduleStart.ON_REQUEST);
        Recorder hostEvents = new Recorder();
        Recorder guestEvents = new Recorder();
        MeetingSession host = session("Host", hostEvents, server.url());
        host.createMeeting(null);
        await().atMost(WAIT).until(hostEvents::inMeeting);
        MeetingSession guest = session("Guest", guestEvents, link.routeThrough(server.url()));
        guest.join(host.roster().meetingId(), null);
        await().atMost(WAIT).until(guestEvents::inMeeting);
        int seat = guest.roster().selfId();

        link.startSchedule();
        long outageStart = System.nanoTime();
        guest.sendChat("typed before anyone noticed");
        await().atMost(OUTAGE).until(() -> guestEvents.last() instanceof SessionState.Reconnecting);
        Duration noticedAfter = Duration.ofNanos(System.nanoTime() - outageStart);
        guest.sendChat("typed while reconnecting");

        await().atMost(OUTAGE.plus(WAIT)).until(guestEvents::inMeeting);
        Duration backAfterLinkReturned = Duration.ofNanos(System.nanoTime() - outageStart).minus(OUTAGE);
        System.out.printf("outage %d s: noticed after %d ms, back in the seat %d ms after the link returned%n",
                OUTAGE.toSeconds(), noticedAfter.toMillis(), backAfterLinkReturned.toMillis());

        assertThat(noticedAfter).as("an outage is noticed once nothing arrived for the liveness timeout")
                .isGreaterThanOrEqualTo(SignalingConnection.DEAD_AFTER.minusMillis(100))
                .isLessThan(SignalingConnection.DEAD_AFTER.plusSeconds(1));
        assertThat(backAfterLinkReturned).as("quick retries while the network is gone").isLessThan(Duration.ofSeconds(3));
        assertThat(guest.roster().selfId()).as("the same seat").isEqualTo(seat);
        await().atMost(WAIT).until(() -> hostEvents.chats.stream().map(ChatMessage::text).toList()
                .containsAll(List.of("typed before anyone noticed", "typed while reconnecting")));
        assertThat(hostEvents.chats).as("a message sent again after the resume is shown once")
                .filteredOn(c -> c.text().equals("typed before anyone noticed")).hasSize(1);
        assertThat(hostEvents.departed).as("the guest never left the meeting").isEmpty();
        assertThat(guestEvents.chatFailures).isEmpty();
    }

    private MeetingSession session(String name, Recorder events, java.net.URI url) {
        var session = new MeetingSession(SessionOptions.of(url, name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        return session;
    }
}
