package dev.confab.server;

import dev.confab.protocol.ClientMessage;

import java.util.HashMap;
import java.util.Map;

/**
 * Whose cameras one receiver shows and how big ({@code view}, docs/protocol.md section 9.1): the relay forwards a
 * sender's CAMERA frames to it only when it shows that sender, and {@link SendTargets} keeps each sender under the
 * largest tile it is shown at. {@link #EVERYONE} until the receiver sends a view: every camera, at a size nobody
 * knows. Immutable, so the relay reads it without the meeting's lock.
 */
final class ReceiverView {

    /** A receiver that never sent {@code view}: it gets every camera. */
    static final ReceiverView EVERYONE = new ReceiverView(null);

    /** Tile pixels (width × height) by shown participant; null for {@link #EVERYONE}. */
    private final Map<Integer, Long> tilePixels;

    private ReceiverView(Map<Integer, Long> tilePixels) {
        this.tilePixels = tilePixels;
    }

    /** The view a {@code view} message asks for; a participant listed twice counts with its larger tile. */
    static ReceiverView of(ClientMessage.View message) {
        Map<Integer, Long> pixels = new HashMap<>();
        for (ClientMessage.View.Shown tile : message.show()) {
            pixels.merge(tile.participantId(), (long) tile.width() * tile.height(), Math::max);
        }
        return new ReceiverView(Map.copyOf(pixels));
    }

    /** Whether the receiver takes {@code senderId}'s camera. */
    boolean shows(int senderId) {
        return tilePixels == null || tilePixels.containsKey(senderId);
    }

    /** The pixels of the tile {@code senderId} is shown in; 0 when not shown; -1 for {@link #EVERYONE} (unknown). */
    long tilePixels(int senderId) {
        return tilePixels == null ? -1 : tilePixels.getOrDefault(senderId, 0L);
    }
}
