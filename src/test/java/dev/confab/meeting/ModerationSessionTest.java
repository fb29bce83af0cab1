package dev.confab.meeting;

import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Waiting room, co-hosts, mute on entry, unmute requests and spotlight through real sessions and a real server. */
@IntegrationTest
class ModerationSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();
    private MeetingServer server;
    private final List<MeetingSession> sessions = new ArrayList<>();

    /** The session's moderation events on top of the usual ones. */
    static final class Events extends Recorder {
        final List<List<WaitingPerson>> waitingRooms = new CopyOnWriteArrayList<>();
        final List<MeetingSettings> settings = new CopyOnWriteArrayList<>();
        final List<Attendee> unmuteRequestsFrom = new CopyOnWriteArrayList<>();

        @Override
        public void onWaitingRoomChanged(List<WaitingPerson> waiting) {
            waitingRooms.add(waiting);
        }

        @Override
        public void onSettingsChanged(MeetingSettings now) {
            settings.add(now);
        }

        @Override
        public void onUnmuteRequested(Attendee by) {
            unmuteRequestsFrom.add(by);
        }

        boolean waiting() {
            return !states.isEmpty() && states.getLast() instanceof SessionState.Waiting;
        }

        SessionState.Ended ended() {
            return states.isEmpty() || !(states.getLast() instanceof SessionState.Ended e) ? null : e;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = servers.loopback();
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(MeetingSession::close);
    }

    /** A session closed after the test, with its events. */
    private MeetingSession session(String name, Events events) {
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()), events);
        sessions.add(session);
        return session;
    }

    private MeetingSession host(Events events, boolean waitingRoom, boolean muteOnEntry) {
        MeetingSession host = session("Host", events);
        host.createMeeting(null, waitingRoom, muteOnEntry);
        await().atMost(WAIT).until(events::inMeeting);
        return host;
    }

    /** Someone who asked to join the host's meeting (it may wait). */
    private MeetingSession joining(MeetingSession host, String name, Events events) {
        MeetingSession joiner = session(name, events);
        joiner.join(host.roster().meetingId(), null);
        return joiner;
    }

    @Test
    void aJoinerWaitsUntilAdmittedAndThenSeesTheMeeting() {
        Events hostEvents = new Events();
        MeetingSession host = host(hostEvents, true, false);
        assertThat(host.settings().waitingRoom()).isTrue();

        Events guestEvents = new Events();
        MeetingSession guest = joining(host, "Grace", guestEvents);
        await().atMost(WAIT).until(guestEvents::waiting);
        assertThat(guest.roster().participants()).as("nothing of the meeting while waiting").isEmpty();
        await().atMost(WAIT).until(() -> host.waiting().size() == 1);
        assertThat(host.waiting().getFirst().displayName()).isEqualTo("Grace");

        host.admit(host.waiting().getFirst().waitingId());
        await().atMost(WAIT).until(guestEvents::inMeeting);
        assertThat(guest.roster().participants()).extracting(Attendee::displayName).containsExactly("Host", "Grace");
        await().atMost(WAIT).until(() -> host.waiting().isEmpty());
    }

    @Test
    void aDeniedJoinerEndsWithDenied() {
        Events hostEvents = new Events();
        MeetingSession host = host(hostEvents, true, false);
        Events guestEvents = new Events();
        joining(host, "Mallory", guestEvents);
        await().atMost(WAIT).until(() -> host.waiting().size() == 1);

        host.deny(host.waiting().getFirst().waitingId());
        await().atMost(WAIT).until(() -> guestEvents.ended() != null);
        assertThat(guestEvents.ended().reason()).isEqualTo(EndReason.DENIED);
        assertThat(hostEvents.states.getLast()).isInstanceOf(SessionState.InMeeting.class);
    }

    @Test
    void aCohostModeratesAndAParticipantIsRefusedWithoutEndingAnything() {
        Events hostEvents = new Events();
        MeetingSession host = host(hostEvents, false, false);
        Events cohostEvents = new Events();
        MeetingSession cohost = joining(host, "Cohost", cohostEvents);
        Events guestEvents = new Events();
        MeetingSession guest = joining(host, "Guest", guestEvents);
        await().atMost(WAIT).until(() -> cohostEvents.inMeeting() && guestEvents.inMeeting()
                && host.roster().participants().size() == 3);

        guest.spotlight(host.roster().selfId());
        await().atMost(WAIT).until(() -> guestEvents.requestFailures.contains(Refusal.NOT_MODERATOR));

        host.setCohost(cohost.roster().selfId(), true);
        await().atMost(WAIT).until(() -> guest.roster().find(cohost.roster().selfId()).orElseThrow().cohost());
        cohost.spotlight(guest.roster().selfId());
        await().atMost(WAIT).until(() -> host.settings().spotlightId() == guest.roster().selfId());
        cohost.endForAll();
        await().atMost(WAIT).until(() -> cohostEvents.requestFailures.contains(Refusal.NOT_HOST));
        assertThat(guestEvents.states.getLast()).isInstanceOf(SessionState.InMeeting.class);

        host.leave();
        await().atMost(WAIT).until(() -> guest.roster().hostId() == cohost.roster().selfId());
    }

    @Test
    void muteOnEntryStartsAJoinerMutedAndAnUnmuteRequestOnlyAsks() {
        Events hostEvents = new Events();
        MeetingSession host = host(hostEvents, false, true);
        Events guestEvents = new Events();
        MeetingSession guest = session("Grace", guestEvents);
        guest.updateOwnState(OwnMediaState.INITIAL.withMuted(false).withCameraOn(true)); // it wanted to talk
        guest.join(host.roster().meetingId(), null);
        await().atMost(WAIT).until(guestEvents::inMeeting);
        assertThat(guest.settings().muteOnEntry()).isTrue();
        int guestId = guest.roster().selfId();
        await().atMost(WAIT).until(() -> host.roster().find(guestId).map(a -> a.muted() && a.cameraOn()).orElse(false));

        host.askAllToUnmute();
        await().atMost(WAIT).until(() -> guestEvents.unmuteRequestsFrom.size() == 1);
        assertThat(guestEvents.unmuteRequestsFrom.getFirst().displayName()).isEqualTo("Host");
        assertThat(host.roster().find(guestId).orElseThrow().muted()).as("asked, not unmuted").isTrue();
    }
}
