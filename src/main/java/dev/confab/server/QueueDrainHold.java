package dev.confab.server;

/**
 * How long to send a receiver no video after it reported a queue in its downlink ({@code receive_estimate} with
 * {@code queueMillis}, docs/protocol.md section 9.3). That queue sits in the network, beyond the server's own
 * audio-first queue, and nothing can overtake it: the sound sent now arrives only after it. Until the senders'
 * lower rates take effect (a round trip and a keyframe later), the relay keeps adding video to it. Holding video
 * back lets the queue drain with only sound passing; the streams restart at keyframes that fit the new estimate.
 *
 * <p>The receiver measured the queue some time ago and it grew since (the sender's old rate still arrives), so the
 * hold is {@value #QUEUE_FACTOR} times the queue reported, at most {@value #MAX_HOLD_MILLIS} ms (with the keyframe
 * after it, the picture stays under a second without an update), and at most one hold per
 * {@value #MIN_GAP_MILLIS} ms (each costs a keyframe of every stream). A queue under {@value #MIN_QUEUE_MILLIS} ms
 * is below what the receiver's sound buffer absorbs: no hold. A report while a hold runs is the same queue seen again,
 * usually larger (a receiver reports a queue first from its overdue sound, then from the frames that arrive): it
 * lengthens the hold, within {@value #MAX_HOLD_MILLIS} ms of the hold's start. Thread-safe.
 */
final class QueueDrainHold {

    static final int MIN_QUEUE_MILLIS = 60;
    static final double QUEUE_FACTOR = 2.0;
    static final long MAX_HOLD_MILLIS = 500;
    static final long MIN_GAP_MILLIS = 2000;

    private long lastHoldAt = Long.MIN_VALUE / 2;
    private long holdEndsAt = Long.MIN_VALUE / 2;

    /**
     * The hold for a reported queue of {@code queueMillis} at {@code nowMillis}, from now; 0: none (or none longer
     * than the one running).
     */
    synchronized long holdMillis(int queueMillis, long nowMillis) {
        if (queueMillis < MIN_QUEUE_MILLIS) {
            return 0;
        }
        long wanted = Math.round(queueMillis * QUEUE_FACTOR);
        if (nowMillis < holdEndsAt) {
            long endsAt = Math.min(nowMillis + wanted, lastHoldAt + MAX_HOLD_MILLIS);
            if (endsAt <= holdEndsAt) {
                return 0;
            }
            holdEndsAt = endsAt;
            return endsAt - nowMillis;
        }
        if (nowMillis - lastHoldAt < MIN_GAP_MILLIS) {
            return 0;
        }
        lastHoldAt = nowMillis;
        holdEndsAt = nowMillis + Math.min(MAX_HOLD_MILLIS, wanted);
        return holdEndsAt - nowMillis;
    }
}
