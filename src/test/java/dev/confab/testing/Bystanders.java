package dev.confab.testing;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two well-behaved participants in a meeting of their own, for tests of hostile input: whatever a test's
 * attacker does, {@link #stillServed()} checks that these two can still talk through the server.
 */
public final class Bystanders {

    public final TestClient host;
    public final TestClient peer;
    public final String meetingId;
    private final int peerId;

    private Bystanders(TestClient host, TestClient peer, String meetingId, int peerId) {
        this.host = host;
        this.peer = peer;
        this.meetingId = meetingId;
        this.peerId = peerId;
    }

    public static Bystanders seatedOn(MeetingServer server) throws InterruptedException {
        TestClient host = TestClient.greeted(server.url());
        String meetingId = host.create("Bystander", null).meetingId();
        TestClient peer = TestClient.greeted(server.url());
        int peerId = peer.join(meetingId, "Peer", null).selfId();
        return new Bystanders(host, peer, meetingId, peerId);
    }

    /** The peer mutes, and the host hears of it: the server still relays for them. */
    public void stillServed() throws InterruptedException {
        host.messages.clear();
        peer.send(new ClientMessage.UpdateState(true, false, false, false));
        ServerMessage.ParticipantUpdated update;
        do {
            update = host.next(ServerMessage.ParticipantUpdated.class);
        } while (update.participant().id() != peerId);
        assertThat(update.participant().muted()).isTrue();
    }
}
