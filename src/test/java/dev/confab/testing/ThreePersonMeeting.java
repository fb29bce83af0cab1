package dev.confab.testing;

import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;

/**
 * A loopback server with a meeting of three raw protocol clients: the host who created it and two guests,
 * with the messages of joining already consumed. The common starting point of the server's host-control tests.
 */
public record ThreePersonMeeting(MeetingServer server, String meetingId,
                                 TestClient host, int hostId,
                                 TestClient first, int firstId,
                                 TestClient second, int secondId) {

    public static ThreePersonMeeting start(String firstName, String secondName) throws Exception {
        MeetingServer server = TestServers.start(TestServers.loopback());
        TestClient host = TestClient.greeted(server.url());
        ServerMessage.Joined created = host.create("Host", null);
        TestClient first = TestClient.greeted(server.url());
        int firstId = first.join(created.meetingId(), firstName, null).selfId();
        TestClient second = TestClient.greeted(server.url());
        int secondId = second.join(created.meetingId(), secondName, null).selfId();
        for (TestClient client : new TestClient[]{host, first, second}) {
            client.messages.clear();
        }
        return new ThreePersonMeeting(server, created.meetingId(), host, created.selfId(), first, firstId, second, secondId);
    }
}
