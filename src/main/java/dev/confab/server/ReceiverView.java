package dev.confab.server;

import dev.confab.protocol.ClientMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose cameras one receiver shows and how big ({@code view}, docs/protocol.md section 9.1): the relay forwards a
 * sender's CAMERA frames to it only when it shows that sender, and {@link SendTargets} keeps each sender under the
 * largest tile it is shown at. {@link #EVERYONE} until the receiver sends a view: every camera, at a size nobody
 * knows. Immutable, so the relay reads it without the meeting's lock.
 */
final class ReceiverView {

    /** A receiver that never sent {@code view}: it gets every camera. */
    static final ReceiverView EVERYONE = new ReceiverView(null, List.of());

    /** Tile pixels (width × height) by shown participant; null for {@link #EVERYONE}. */
    private final Map<Integer, Long> tilePixels;
    /** The shown participants in the order the receiver listed them (its page order): ties in {@link #priority}. */
    private final List<Integer> listed;

    private ReceiverView(Map<Integer, Long> tilePixels, List<Integer> listed) {
        this.tilePixels = tilePixels;
        this.listed = listed;
    }

    /** The view a {@code view} message asks for; a participant listed twice counts with its larger tile. */
    static ReceiverView of(ClientMessage.View message) {
        Map<Integer, Long> pixels = new HashMap<>();
        List<Integer> listed = new ArrayList<>();
        for (ClientMessage.View.Shown tile : message.show()) {
            if (pixels.merge(tile.participantId(), (long) tile.width() * tile.height(), Math::max) != null
                    && !listed.contains(tile.participantId())) {
                listed.add(tile.participantId()); // where it is first listed
            }
        }
        return new ReceiverView(Map.copyOf(pixels), List.copyOf(listed));
    }

    /**
     * Which of two shown cameras matters more to this receiver when its downlink cannot carry both: the one in
     * the larger tile (the speaker in speaker view), then the one listed first (its page order), then the lower id.
     * Negative when {@code a} comes first.
     */
    int priority(int a, int b) {
        int bySize = Long.compare(tilePixels(b), tilePixels(a));
        if (bySize != 0) {
            return bySize;
        }
        int byOrder = Integer.compare(listedAt(a), listedAt(b));
        return byOrder != 0 ? byOrder : Integer.compare(a, b);
    }

    private int listedAt(int participantId) {
        int at = listed.indexOf(participantId);
        return at < 0 ? Integer.MAX_VALUE : at;
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
