package dev.confab.server;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;

/**
 * Answers a client's WebSocket ping with its pong, as the library does, except on a connection that closed while the
 * ping was being read: the library's answer then throws, the frame is taken for malformed and an error with a stack
 * trace is logged for a client that only left (seen when a terminated app's last ping crossed its close).
 */
final class PingReply {

    private PingReply() {
    }

    static void answer(WebSocket socket, Framedata ping) {
        try {
            socket.sendFrame(new PongFrame((PingFrame) ping));
        } catch (WebsocketNotConnectedException closedMeanwhile) {
            // Nobody left to answer.
        }
    }
}
