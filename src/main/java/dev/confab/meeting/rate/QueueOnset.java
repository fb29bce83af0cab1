package dev.confab.meeting.rate;

/**
 * Sees a bottleneck start to queue within a fraction of a second, frame by frame, instead of waiting for two
 * {@link DownlinkEstimator#TICK_MILLIS} ticks. When a link narrows under a sender's rate its queue grows by the
 * difference every second (1.5 → 0.6 Mbit/s: 1.5 s of delay per second) and sound queues behind the video, so every
 * tenth of a second of waiting costs sound. Evidence of a queue: every frame, from every sender, arriving more than
 * {@link #ONSET_MILLIS} late for at least {@link #SPAN_NANOS} of arrivals, and the delay growing as a narrowed link
 * makes it grow ({@link #MIN_GROWTH}). A thread of this client that was descheduled for a moment is not taken for one:
 * the frames it held back arrive together, so their arrivals span no time; a bottleneck spreads them out at its rate.
 * While such a run lasts, what arrives is what the link carries, and that is what the onset reports. Between arrivals
 * the missing sound of the run's sender can show the queue sooner ({@link #overdue}). Not thread-safe: guarded by its
 * owner.
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

    /** A sender's sound frames are captured this far apart (20 ms Opus). */
    static final long SOUND_FRAME_MILLIS = 20;
    /**
     * Nothing of a sender arriving for this long after its sound that was part of a run: two of its sound frames are
     * missing, more than a thread's hiccup. See {@link #overdue}.
     */
    static final long OVERDUE_GAP_NANOS = 40_000_000L;

    private long runStartNanos;
    private long latePictureNanos = Long.MIN_VALUE;
    private int latePictureSender;
    private long runBytes;
    private int runFrames;
    private long firstDelayMillis;
    private boolean reported;
    /** The run's last sound frame (late, or beside a late picture): when it came and how late; MIN_VALUE: none. */
    private long runSoundNanos = Long.MIN_VALUE;
    private long runSoundDelayMillis;
    private int runSoundSender;
    /** When anything of {@link #runSoundSender} last arrived. */
    private long runSoundSenderSeenNanos;
    private boolean overdueReported;

    /**
     * A frame of {@code bytes} from {@code senderId} ({@code sound}: an AUDIO frame) arrived at {@code arrivalNanos},
     * {@code delayMillis} behind its sender's baseline.
     * Returns, once per run of late frames, the rate they arrived at (bits per second) when they prove a queue;
     * {@link Double#NaN} otherwise.
     */
    double frame(int senderId, boolean sound, long arrivalNanos, long delayMillis, int bytes) {
        if (runSoundNanos != Long.MIN_VALUE && senderId == runSoundSender) {
            runSoundSenderSeenNanos = arrivalNanos;
        }
        if (delayMillis <= ONSET_MILLIS) {
            if (runFrames > 0 && sound && senderId == latePictureSender
                    && arrivalNanos - latePictureNanos <= SAME_BURST_NANOS) {
                runBytes += bytes; // it left the bottleneck with the late picture before it: the run goes on
                runSound(senderId, arrivalNanos, delayMillis);
                return Double.NaN;
            }
            runFrames = 0;
            reported = false;
            overdueReported = false;
            runSoundNanos = Long.MIN_VALUE;
            return Double.NaN;
        }
        if (sound) {
            runSound(senderId, arrivalNanos, delayMillis);
        } else {
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

    private void runSound(int senderId, long arrivalNanos, long delayMillis) {
        runSoundNanos = arrivalNanos;
        runSoundDelayMillis = delayMillis;
        runSoundSender = senderId;
        runSoundSenderSeenNanos = arrivalNanos;
    }

    /**
     * Called between arrivals: sees a queue before the frames that prove it have come out of the bottleneck. Behind
     * a link that narrowed, a large picture can take 150 ms to pass, and nothing arrives meanwhile; the sound captured
     * after it waits behind it, so the next sound frame of the run's sender is already later by now than the last one
     * was by at least the time since. When nothing of that sender has arrived for {@link #OVERDUE_GAP_NANOS} after its
     * sound that was part of a run, that lower bound is taken as the delay of a late frame arriving now, with the
     * run's rules (late, its span, its growth); other senders' frames, late too, keep the run going, and one on time
     * ends it. A pause in the sender's sound (DTX, mute) after sound on time starts no run.
     *
     * @return once per run of late frames, the queue in ms this shows (what the next sound frame waits at least), or
     *         -1; the rate it cannot tell: {@link #frame} reports that when the frames arrive
     */
    long overdue(long nowNanos) {
        if (runFrames == 0 || reported || overdueReported || runSoundNanos == Long.MIN_VALUE
                || nowNanos - runSoundSenderSeenNanos < OVERDUE_GAP_NANOS) {
            return -1;
        }
        long delayMillis = runSoundDelayMillis + (nowNanos - runSoundNanos) / 1_000_000 - SOUND_FRAME_MILLIS;
        long span = nowNanos - runStartNanos;
        if (delayMillis <= ONSET_MILLIS || span < SPAN_NANOS
                || delayMillis - firstDelayMillis < MIN_GROWTH * span / 1e6) {
            return -1;
        }
        overdueReported = true;
        return delayMillis;
    }
}
