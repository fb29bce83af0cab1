package dev.confab.signaling;

import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;

/**
 * Receives what arrives on a {@link SignalingConnection}. Called on the WebSocket library's reader thread:
 * return quickly (hand work to your own executor), or keep-alive pongs get delayed.
 */
public interface SignalingListener {

    /** A message from the server, after the {@code welcome}. */
    void onMessage(ServerMessage message);

    /** A media frame relayed from another participant; the payload view is valid only during this call. */
    default void onMedia(MediaFrame frame) {
    }

    /**
     * The connection is closed, by either side or because keep-alive found it dead (code 1006).
     * Called once, and only for connections that completed {@link SignalingConnection#open}.
     */
    void onClosed(int code, String reason, boolean byServer);
}
