package dev.confab.meeting.rate;

/**
 * Sees a bottleneck start to queue within a fraction of a second, frame by frame, instead of waiting for two
 * {@link DownlinkEstimator#TICK_MILLIS} ticks. When a link narrows under a sender's rate its queue grows by the
 * difference every second (1.5 → 0.6 Mbit/s: 1.5 s of delay per second) and sound queues behind the video, so every
 * tenth of a second of waiting costs sound. Evidence of a queue: every frame, from every sender, arriving more than
 * {@link #ONSET_MILLIS} late for at least {@link #SPAN_NANOS} of arrivals, and the delay growing as a narrowed link
 * makes it grow ({@link #MIN_GROWTH}). A thread of this client that was descheduled for a moment is not taken for one:
 * the frames it held back arrive together, so their arrivals span no time; a bottleneck spreads them out at its rate.
 * While such a run lasts, what arrives is what the link carries, and that is what the onset reports. Not thread-safe:
 * guarded by its owner.
 */
final class QueueOnset {

    /**
     * A frame this late may start a queue. Lower than a tick's overuse threshold: the run's span and its slower
     * arrivals are the evidence here, and every 40 ms sooner saves about 100 ms of sound behind the queue (it grows at
     * 1.5 s per second while the server keeps sending, and drains at the link's rate afterwards).
     */
    static final long ONSET_MILLIS = 40;
    /** Arrivals of late frames spanning this long are a queue, not a moment's hiccup. */
    static final long SPAN_NANOS = 60_000_000L;
    /**
     * At least this many late frames: a rate needs a few of them. Three, because on a narrowed link a 720p picture
     * alone takes 80 ms to arrive, so a fourth frame comes a tenth of a second later.
     */
    static final int MIN_FRAMES = 3;

    /**
     * How much later each frame must arrive than the one before, ms per ms of arrivals. A link that passes less than
     * {@link DownlinkEstimator#NARROWED} of what is sent makes every frame later than the last, by at least 1 − that:
     * a queue grows behind it. Frames held up elsewhere and passed on sparsely, a few at a time (a server or a
     * computer too busy for a moment), arrive as slowly but keep their delay; the rate they arrive at says nothing of
     * the link. Such runs, at the start of a 50-person replay, lowered estimates to a twentieth of the link.
     */
    static final double MIN_GROWTH = 1 - DownlinkEstimator.NARROWED;
    /**
     * Sound arriving this close to a late picture of the same sender came out of the bottleneck with it, captured
     * after it, so it waited less: if it is not late it does not end the run. In 1:1 runs behind a link narrowing to
     * 600 kbit/s such a sound frame, 36 ms late beside a picture 82 ms late, restarted the run and put the report off
     * by a tenth of a second, while the queue and the sound behind it grew. Any other frame on time still ends it:
     * versions that let every frame of a burst pass, or every frame of the same sender, missed the 50-person replay's
     * targets in three of six runs, where the server passes on several pictures of a sender together.
     */
    static final long SAME_BURST_NANOS = 2_000_000L;

    private long runStartNanos;
    private long latePictureNanos = Long.MIN_VALUE;
    private int latePictureSender;
    private long runBytes;
    private int runFrames;
    private long firstDelayMillis;
    private boolean reported;

    /**
     * A frame of {@code bytes} from {@code senderId} ({@code sound}: an AUDIO frame) arrived at {@code arrivalNanos},
     * {@code delayMillis} behind its sender's baseline.
     * Returns, once per run of late frames, the rate they arrived at (bits per second) when they prove a queue;
     * {@link Double#NaN} otherwise.
     */
    double frame(int senderId, boolean sound, long arrivalNanos, long delayMillis, int bytes) {
        if (delayMillis <= ONSET_MILLIS) {
            if (runFrames > 0 && sound && senderId == latePictureSender
                    && arrivalNanos - latePictureNanos <= SAME_BURST_NANOS) {
                runBytes += bytes; // it left the bottleneck with the late picture before it: the run goes on
                return Double.NaN;
            }
            runFrames = 0;
            reported = false;
            return Double.NaN;
        }
        if (!sound) {
            latePictureNanos = arrivalNanos;
            latePictureSender = senderId;
        }
        if (runFrames == 0) {
            // The first late frame marks the run's start; what arrives after it is what the link passed meanwhile.
            runStartNanos = arrivalNanos;
            runBytes = 0;
            runFrames = 1;
            firstDelayMillis = delayMillis;
            return Double.NaN;
        }
        runBytes += bytes;
        runFrames++;
        long span = arrivalNanos - runStartNanos;
        if (reported || span < SPAN_NANOS || runFrames < MIN_FRAMES
                || delayMillis - firstDelayMillis < MIN_GROWTH * span / 1e6) {
            return Double.NaN;
        }
        reported = true;
        return runBytes * 8e9 / span;
    }
}
