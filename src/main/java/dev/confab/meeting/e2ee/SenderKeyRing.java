package dev.confab.meeting.e2ee;

import dev.confab.protocol.MediaFrame;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One remote sender's keys as this receiver holds them: the newest, and older ones for a short while after they
 * were superseded (frames sent just before a key change may arrive after the first frames under the new key: video
 * waits behind audio at the server). Frames under a key that has not arrived yet are held briefly, not dropped, so a
 * key change shows no glitch. Guarded by this; used by the network thread (frames) and the session's thread (keys).
 */
final class SenderKeyRing {

    /** How long a superseded key still opens frames. */
    static final long KEEP_OLD_NANOS = 2_000_000_000L;
    /** How long, and how many, frames wait for their key before they count as undecryptable. */
    static final long HOLD_NANOS = 1_000_000_000L;
    static final int HOLD_FRAMES = 128;

    private final Map<Long, SFrame.Key> keys = new HashMap<>();
    private final Map<Long, ReplayWindow> windows = new HashMap<>();
    private final Map<Long, Long> retiredAt = new HashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long newestKid = -1;

    record Held(MediaFrame frame, SFrameHeader header, long arrivedNanos) {
    }

    /** Whether this sender's key was ever installed. */
    synchronized boolean hasKey() {
        return newestKid >= 0;
    }

    synchronized long newestKid() {
        return newestKid;
    }

    /** Installs a newer key; an older or repeated one (a replay) is ignored. Returns whether it was newer. */
    synchronized boolean install(long kid, byte[] baseKey, long nowNanos) {
        if (kid <= newestKid) {
            return false;
        }
        if (newestKid >= 0) {
            retiredAt.put(newestKid, nowNanos);
        }
        keys.put(kid, SFrame.derive(kid, baseKey));
        windows.put(kid, new ReplayWindow());
        newestKid = kid;
        return true;
    }

    /** The key for {@code kid}, or null: never had, or superseded too long ago. */
    synchronized SFrame.Key key(long kid, long nowNanos) {
        retiredAt.entrySet().removeIf(e -> {
            boolean expired = nowNanos - e.getValue() > KEEP_OLD_NANOS;
            if (expired) {
                keys.remove(e.getKey());
                windows.remove(e.getKey());
            }
            return expired;
        });
        return keys.get(kid);
    }

    /** Whether an authenticated frame under {@code kid} with counter {@code ctr} is new (not replayed). */
    synchronized boolean firstTime(long kid, long ctr) {
        ReplayWindow window = windows.get(kid);
        return window != null && window.firstTime(ctr);
    }

    /** Whether a frame under {@code kid} may still get its key (newer than any installed). */
    synchronized boolean mayArrive(long kid) {
        return kid > newestKid;
    }

    /** Holds a frame for its key; {@code expired} gets those that waited too long or no longer fit. */
    synchronized void hold(Held frame, long nowNanos, Consumer<Held> expired) {
        held.addLast(frame);
        while (held.size() > HOLD_FRAMES || nowNanos - held.peekFirst().arrivedNanos() > HOLD_NANOS) {
            expired.accept(held.pollFirst());
        }
    }

    /**
     * The held frames, oldest first, to be tried again, when a key arrived since they were held; else none. Taken
     * on the network thread before the next frame of this sender, so frames stay in order and on that thread.
     */
    synchronized Held[] takeHeldIfKeyArrived() {
        if (held.isEmpty() || held.peekFirst().header().kid() > newestKid) { // the oldest has the lowest id
            return NONE;
        }
        Held[] all = held.toArray(Held[]::new);
        held.clear();
        return all;
    }

    private static final Held[] NONE = new Held[0];
}
