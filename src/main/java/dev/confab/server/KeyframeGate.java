package dev.confab.server;

/**
 * Keyframe requests for one sender's video stream, from its receivers and from the relay itself: at most one
 * is passed to the sender per {@link #WINDOW_MILLIS}. A request inside the window is merged, not passed on:
 * the next keyframe satisfies it; if a delta frame comes first once the window is over, the merged request
 * is passed on then. Keyframes are expensive (several times a delta frame), so a receiver asking many times a
 * second must not turn the sender's stream into keyframes for everyone (like WebRTC's PLI/FIR throttling).
 * Times are milliseconds of the server's clock. Thread-safe.
 */
final class KeyframeGate {

    static final long WINDOW_MILLIS = 1000;
    /** Someone asked and was merged: nobody, the relay ({@code 0}), or a participant's ID. */
    private static final int NOBODY = -1;

    private long lastPassedOn = Long.MIN_VALUE / 2;
    private int waiting = NOBODY;
    private long lastFrame = Long.MIN_VALUE / 2;

    /** A request by {@code requesterId} (0 = the relay); true when it is to be passed to the sender now. */
    synchronized boolean request(int requesterId, long now) {
        if (now - lastPassedOn >= WINDOW_MILLIS) {
            lastPassedOn = now;
            waiting = NOBODY;
            return true;
        }
        if (waiting == NOBODY) {
            waiting = requesterId;
        }
        return false;
    }

    /**
     * The sender sent a frame of this stream. Returns the requester of a merged request that is due now (pass it
     * to the sender), or -1.
     */
    synchronized int frameSent(boolean keyframe, long now) {
        lastFrame = now;
        if (keyframe || waiting == NOBODY) {
            waiting = NOBODY;
            return NOBODY;
        }
        if (now - lastPassedOn < WINDOW_MILLIS) {
            return NOBODY;
        }
        int requester = waiting;
        waiting = NOBODY;
        lastPassedOn = now;
        return requester;
    }

    /** Whether the sender sent a frame of this stream at or after {@code since}. */
    synchronized boolean sentSince(long since) {
        return lastFrame >= since;
    }
}
