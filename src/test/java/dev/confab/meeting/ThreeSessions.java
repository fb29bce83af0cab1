package dev.confab.meeting;

import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.TestServers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A loopback server with a meeting of three real sessions: Ada (who created it, the host), Grace and Lin, each
 * with its {@link Recorder}, all in the meeting and seeing each other. Close it after the test.
 */
final class ThreeSessions implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final MeetingServer server;
    final Recorder adaEvents = new Recorder();
    final Recorder graceEvents = new Recorder();
    final Recorder linEvents = new Recorder();
    final MeetingSession ada;
    final MeetingSession grace;
    final MeetingSession lin;
    private final List<MeetingSession> sessions = new ArrayList<>();

    ThreeSessions() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = session("Ada", adaEvents);
        ada.createMeeting(null);
        await().atMost(WAIT).until(adaEvents::inMeeting);
        grace = session("Grace", graceEvents);
        grace.join(ada.roster().meetingId(), null);
        lin = session("Lin", linEvents);
        lin.join(ada.roster().meetingId(), null);
        await().atMost(WAIT).until(() -> ada.roster().participants().size() == 3
                && grace.roster().participants().size() == 3 && lin.roster().participants().size() == 3);
    }

    private MeetingSession session(String name, Recorder recorder) {
        MeetingSession session = new MeetingSession(SessionOptions.of(server.url(), name, ServerTrust.systemOnly()),
                recorder);
        sessions.add(session);
        return session;
    }

    @Override
    public void close() {
        sessions.forEach(MeetingSession::close);
        server.stop();
    }
}
