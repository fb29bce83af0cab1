package dev.confab.ui;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.KnownServers;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.server.MeetingServer;
import dev.confab.server.ServerConfig;
import dev.confab.signaling.ServerTrust;
import dev.confab.storage.AppPaths;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** A real TLS meeting server on loopback (self-signed, like a small self-hosted one) plus headless participants. */
final class MeetingRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final MeetingServer server;
    private final List<MeetingSession> sessions = new CopyOnWriteArrayList<>();

    MeetingRig(Path dataDir) throws IOException {
        server = new MeetingServer(new ServerConfig().bindAddress("127.0.0.1").port(0).dataDir(dataDir)
                .resumeGrace(Duration.ofSeconds(30)));
        server.start();
    }

    URI url() {
        return server.url();
    }

    /** Stores the server's fingerprint as trusted in the app's known-servers file, as an earlier visit would have. */
    void pinIn(AppPaths paths, URI address) throws IOException {
        KnownServers.load(paths.knownServersFile()).trust(address, server.fingerprint());
    }

    /** A headless participant that records what it sees. */
    static final class Peer implements MeetingListener {
        final AtomicReference<SessionState> state = new AtomicReference<>(new SessionState.Idle());
        final List<Attendee> muteRequestsFrom = new CopyOnWriteArrayList<>();
        MeetingSession session;

        @Override
        public void onStateChanged(SessionState now) {
            state.set(now);
        }

        @Override
        public void onMuteRequested(Attendee host) {
            muteRequestsFrom.add(host);
            // What a real client does: mute and tell everyone.
            session.updateOwnState(dev.confab.meeting.OwnMediaState.INITIAL.withMuted(true));
        }

        boolean inMeeting() {
            return state.get() instanceof SessionState.InMeeting;
        }

        Roster roster() {
            return session.roster();
        }
    }

    Peer peer(String name, URI address) {
        Peer peer = new Peer();
        peer.session = new MeetingSession(SessionOptions.of(address, name, ServerTrust.pinned(server.fingerprint())), peer);
        sessions.add(peer.session);
        return peer;
    }

    /** A host who created a meeting (with {@code passcode}, may be null) and is in it. */
    Peer host(String name, String passcode) {
        Peer host = peer(name, url());
        host.session.createMeeting(passcode);
        await().atMost(WAIT).until(host::inMeeting);
        return host;
    }

    Peer guest(String name, URI address, String meetingId, String passcode) {
        Peer guest = peer(name, address);
        guest.session.join(meetingId, passcode);
        await().atMost(WAIT).until(guest::inMeeting);
        return guest;
    }

    @Override
    public void close() {
        sessions.forEach(MeetingSession::close);
        server.stop();
    }
}
