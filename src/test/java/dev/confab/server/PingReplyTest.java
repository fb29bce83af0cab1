package dev.confab.server;

import dev.confab.testing.UnitTest;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.Handshakedata;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class PingReplyTest {

    /** The library's listener with nothing to do but its default ping answer. */
    private static final class IdleListener extends WebSocketAdapter {
        @Override
        public void onWebsocketMessage(WebSocket conn, String message) {
        }

        @Override
        public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        }

        @Override
        public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        }

        @Override
        public void onWebsocketClose(WebSocket ws, int code, String reason, boolean remote) {
        }

        @Override
        public void onWebsocketClosing(WebSocket ws, int code, String reason, boolean remote) {
        }

        @Override
        public void onWebsocketCloseInitiated(WebSocket ws, int code, String reason) {
        }

        @Override
        public void onWebsocketError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onWriteDemand(WebSocket conn) {
        }

        @Override
        public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
            return null;
        }
    }

    @Test
    void aPingOnAConnectionThatClosedMeanwhileIsNotAnsweredAndThrowsNothing() {
        IdleListener listener = new IdleListener();
        WebSocketImpl notOpen = new WebSocketImpl(listener, new Draft_6455()); // as once its close has been handled
        Framedata ping = new PingFrame();

        assertThatThrownBy(() -> listener.onWebsocketPing(notOpen, ping))
                .as("the library's own answer, which the server used before: the frame was then taken for malformed")
                .isInstanceOf(WebsocketNotConnectedException.class);
        assertThatCode(() -> PingReply.answer(notOpen, ping)).doesNotThrowAnyException();
    }
}
