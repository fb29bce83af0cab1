package dev.confab.protocol.flow;

import dev.confab.protocol.StreamKind;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The media waiting for one connection's socket, sent audio first, then screen share, then camera video, each
 * in the order it came. The WebSocket library's own send buffer is first-in first-out, so frames are handed to
 * it ({@link Sink}) only while it holds little, about {@value #HANDOFF_MILLIS} ms at the measured rate:
 * whatever comes later with a higher priority then overtakes what waits here. Control messages do not pass
 * through this queue at all; they go straight to the library and so ahead of all media waiting here.
 *
 * <p>When more than {@link Limits#videoBudget()} of media is waiting (at the rate the socket has recently
 * drained, see {@link DrainRate}), no video stream is (re)started, and beyond twice that video is dropped;
 * audio never is, except past the hard limits of a
 * receiver that has stopped reading. A dropped video frame breaks its stream's deltas until the next keyframe,
 * so after a drop the stream's deltas are refused ({@link Verdict#WAITS_FOR_KEYFRAME}) until a keyframe is
 * accepted; the caller asks the sender for one. A stream also starts at a keyframe.
 *
 * <p>Video can also be held back for a while ({@link #holdVideo}) when the receiver reports a queue beyond this
 * socket (in the network): what waits there cannot be overtaken, so no more video joins it until it has drained;
 * the streams then restart at keyframes.
 *
 * <p>File chunks (FILE) come last of all, in their own lane ({@link #offerFile}): handed on only when no media
 * waits and the sink holds under {@value #FILE_HANDOFF_BYTES} bytes, so a sound that comes next waits behind at
 * most that much file data. They are never dropped for being late (a file cannot skip a chunk) and do not count
 * towards the video budget; the lane is bounded ({@value #MAX_FILE_BYTES} bytes), and the senders' flow control
 * (docs/protocol.md section 14.3) keeps it well under that. Thread-safe.
 */
public final class MediaSendQueue {

    /** One sender's stream: on the server a receiver's queue holds many senders, on a client only its own (0). */
    public record StreamId(int senderId, StreamKind kind) {
    }

    /** What happened to an offered frame. */
    public enum Verdict {
        /** Waiting here or already handed to the socket. */
        QUEUED,
        /** Dropped: over the time budget (video) or the hard limits. */
        DROPPED,
        /**
         * A delta of a video stream that has not (re)started at a keyframe for this connection, or any video frame
         * while video is held ({@link #holdVideo}): not sent.
         */
        WAITS_FOR_KEYFRAME
    }

    /** Where frames go: the WebSocket library of one connection. */
    public interface Sink {
        /** Bytes the library holds that the socket has not taken yet, control messages included. */
        long bufferedBytes();

        /** Messages and frames the library holds, likewise. */
        int bufferedFrames();

        void write(ByteBuffer frame);
    }

    /**
     * @param maxFrames   frames that may wait, whatever their kind (the last resort against a peer that stopped
     *                    reading)
     * @param maxBytes    bytes that may wait, likewise
     * @param videoBudget media waiting beyond this, at the recent drain rate, makes video be dropped
     */
    public record Limits(int maxFrames, long maxBytes, Duration videoBudget) {
        public Limits {
            if (maxFrames < 1 || maxBytes < 1 || !videoBudget.isPositive()) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    static final int HANDOFF_MILLIS = 30;
    /**
     * File data the sink may hold before another chunk is handed on (less on a measured slow socket: the media
     * hand-off size, {@value #HANDOFF_MILLIS} ms at its rate): what a sound arriving next may wait behind.
     */
    public static final long FILE_HANDOFF_BYTES = 64 * 1024;
    /** File data that may wait here: the flow-control windows of four senders at once. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    static final long HANDOFF_MIN_BYTES = 4 * 1024;
    static final long HANDOFF_MAX_BYTES = 256 * 1024;
    /**
     * Until the socket is measured to be the bottleneck nothing is held back: the library gets every frame, as
     * it did before this queue existed, so a fast connection sees no added delay and a burst is not cut by the
     * limits below. A quarter second of backlog measures the rate.
     */
    static final long HANDOFF_UNMEASURED_BYTES = Long.MAX_VALUE;

    /**
     * Frames spanning less capture time than this are a burst being worked off, not a connection falling behind
     * (a real-time sender needs at least that long to produce them). Small, because an overloaded link
     * makes the wait many times the media's own span.
     */
    static final long MIN_MEDIA_SPAN_MILLIS = 50;

    private record Entry(StreamId stream, ByteBuffer frame, long captureMicros) {
    }

    /** A file chunk and what to do once it is handed to the sink (or discarded): the relay's flow control. */
    private record FileEntry(ByteBuffer frame, Runnable handed) {
    }

    private final Limits limits;
    private final long budgetMillis;
    // By priority: audio, screen, camera.
    private final ArrayDeque<Entry> audio = new ArrayDeque<>();
    private final ArrayDeque<Entry> screen = new ArrayDeque<>();
    private final ArrayDeque<Entry> camera = new ArrayDeque<>();
    private final ArrayDeque<FileEntry> files = new ArrayDeque<>();
    private long fileBytes;
    private long peakFileBytes;
    private final Set<StreamId> started = new HashSet<>();
    private final DrainRate drain = new DrainRate();
    private int frames;
    private long bytes;
    private long handedBytes;
    private long drained;
    private long lastSinkBytes;
    private int lastSinkFrames;
    private long droppedVideo;
    private long droppedAudio;
    private final LongSupplier nanoTime;
    private long videoHeldUntilNanos;
    private boolean videoHeld;
    private long heldVideo;

    public MediaSendQueue(Limits limits) {
        this(limits, System::nanoTime);
    }

    MediaSendQueue(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.budgetMillis = limits.videoBudget().toMillis();
        this.nanoTime = nanoTime;
    }

    /**
     * Sends no video for {@code millis} ms from now (a longer hold already running is kept): the receiver
     * reported a queue in the network that only time drains, and every video frame added to it delays the sound
     * behind it. Video waiting here is dropped as well; afterwards each video stream restarts at a keyframe
     * ({@link Verdict#WAITS_FOR_KEYFRAME} until then, and {@link #acceptsVideo()} is false during the hold).
     */
    public synchronized void holdVideo(long millis) {
        long until = nanoTime.getAsLong() + millis * 1_000_000L;
        if (!videoHeldNow() || until - videoHeldUntilNanos > 0) {
            videoHeldUntilNanos = until;
        }
        videoHeld = true;
        heldVideo += dropWaiting(screen) + dropWaiting(camera);
        started.clear(); // audio is never in it: every audio frame starts its stream
    }

    /** Video frames not sent because of {@link #holdVideo}, those already waiting included. */
    public synchronized long heldVideo() {
        return heldVideo;
    }

    private boolean videoHeldNow() {
        if (videoHeld && nanoTime.getAsLong() - videoHeldUntilNanos >= 0) {
            videoHeld = false;
        }
        return videoHeld;
    }

    private int dropWaiting(ArrayDeque<Entry> lane) {
        int dropped = lane.size();
        for (Entry entry : lane) {
            frames--;
            bytes -= entry.frame().remaining();
        }
        lane.clear();
        return dropped;
    }

    /**
     * Offers a frame; {@code keyframe} must be true for every audio frame (each decodes on its own),
     * {@code captureMicros} is the frame header's capture time. The frame is only queued: call {@link #pump} to
     * hand it on. The buffer is kept as it is, not copied.
     */
    public synchronized Verdict offer(StreamId stream, ByteBuffer frame, boolean keyframe, long captureMicros) {
        boolean full = full();
        if (stream.kind() == StreamKind.AUDIO) {
            if (full) {
                droppedAudio++;
                return Verdict.DROPPED;
            }
            add(audio, stream, frame, captureMicros);
            return Verdict.QUEUED;
        }
        if (videoHeldNow()) {
            heldVideo++;
            return Verdict.WAITS_FOR_KEYFRAME;
        }
        if (!keyframe && !started.contains(stream)) {
            return Verdict.WAITS_FOR_KEYFRAME;
        }
        // A stream is restarted only within the budget, but once going it may use twice that: its keyframe
        // (several deltas' worth) is wasted if the deltas right after it are dropped.
        long allowed = started.contains(stream) ? 2 * budgetMillis : budgetMillis;
        long waiting = waitingMillisNow();
        boolean behind = waiting == Long.MAX_VALUE // the socket took nothing for a whole measuring window
                || waiting > allowed && mediaWaitingMillis(stream.senderId(), captureMicros) >= MIN_MEDIA_SPAN_MILLIS;
        if (full || behind) {
            started.remove(stream);
            droppedVideo++;
            return Verdict.DROPPED;
        }
        if (keyframe) {
            started.add(stream);
        }
        add(stream.kind() == StreamKind.SCREEN ? screen : camera, stream, frame, captureMicros);
        return Verdict.QUEUED;
    }

    /**
     * Hands waiting frames to {@code sink}, highest priority first, while the sink holds less than about
     * {@value #HANDOFF_MILLIS} ms of data; measures the drain rate on the way. Call it after each offer and
     * regularly while {@link #isEmpty()} is false.
     */
    public void pump(Sink sink, long nowNanos) {
        List<Runnable> handed = pumpLocked(sink, nowNanos);
        // Outside the lock: a callback may send to another connection, whose queue another thread may hold.
        handed.forEach(Runnable::run);
    }

    private synchronized List<Runnable> pumpLocked(Sink sink, long nowNanos) {
        long buffered = sink.bufferedBytes();
        // Control messages in the sink are not counted as handed, so this can only underestimate briefly.
        drained = Math.max(drained, handedBytes - buffered);
        // Waiting bytes anywhere: here, or in the sink if the socket has not taken them since the last pump.
        drain.observe(drained, frames > 0 || buffered > 0, nowNanos);
        long handoff = handoffBytes();
        while (frames > 0 && buffered < handoff) {
            Entry next = !audio.isEmpty() ? audio.poll() : !screen.isEmpty() ? screen.poll() : camera.poll();
            int size = next.frame().remaining();
            frames--;
            bytes -= size;
            handedBytes += size;
            buffered += size;
            sink.write(next.frame());
        }
        List<Runnable> handedFiles = new java.util.ArrayList<>();
        while (frames == 0 && !files.isEmpty() && buffered < Math.min(handoff, FILE_HANDOFF_BYTES)) {
            FileEntry next = files.poll();
            int size = next.frame().remaining();
            fileBytes -= size;
            handedBytes += size;
            buffered += size;
            sink.write(next.frame());
            handedFiles.add(next.handed());
        }
        lastSinkBytes = buffered;
        lastSinkFrames = sink.bufferedFrames();
        return handedFiles;
    }

    /**
     * Offers a file chunk (a whole FILE frame); {@code handed} runs once it has been given to the sink, or when
     * {@link #discardFiles} throws it away. DROPPED (and {@code handed} not run) only when the file lane is full,
     * which a sender keeping to its window never causes.
     */
    public synchronized Verdict offerFile(ByteBuffer frame, Runnable handed) {
        if (fileBytes + frame.remaining() > MAX_FILE_BYTES) {
            return Verdict.DROPPED;
        }
        files.add(new FileEntry(frame, handed));
        fileBytes += frame.remaining();
        peakFileBytes = Math.max(peakFileBytes, fileBytes);
        return Verdict.QUEUED;
    }

    /** Throws away the waiting file chunks (the connection is gone) and runs their callbacks, outside the lock. */
    public void discardFiles() {
        List<Runnable> discarded;
        synchronized (this) {
            discarded = files.stream().map(FileEntry::handed).toList();
            files.clear();
            fileBytes = 0;
        }
        discarded.forEach(Runnable::run);
    }

    /** File bytes waiting here now, and the most that ever waited. */
    public synchronized long queuedFileBytes() {
        return fileBytes;
    }

    public synchronized long peakFileBytes() {
        return peakFileBytes;
    }

    /** The hard limits count what waits in the library too: before the first measurement it holds it all. */
    private boolean full() {
        return frames + lastSinkFrames >= limits.maxFrames() || bytes + lastSinkBytes >= limits.maxBytes();
    }

    /** Whether a video keyframe offered now would be accepted: ask a sender for one only then. */
    public synchronized boolean acceptsVideo() {
        return !full() && !overBudget() && !videoHeldNow();
    }

    /** Forgets a stream's keyframe state, e.g. when its sender left. */
    public synchronized void forget(StreamId stream) {
        started.remove(stream);
    }

    public synchronized boolean isEmpty() {
        return frames == 0 && files.isEmpty();
    }

    /** Whether anything waits here or, at the last pump, in the sink: worth pumping again soon. */
    public synchronized boolean hasBacklog() {
        return frames > 0 || !files.isEmpty() || lastSinkBytes > 0;
    }

    /** Frames waiting here, file chunks included. */
    public synchronized int queuedFrames() {
        return frames + files.size();
    }

    /** Bytes waiting here, file chunks included. */
    public synchronized long queuedBytes() {
        return bytes + fileBytes;
    }

    /** What is waiting here and in the sink, as time at the recent drain rate (0 before it is measured). */
    public synchronized long waitingMillis() {
        return waitingMillisNow();
    }

    /** The recent drain rate in bytes per second, NaN before it has been measured under backlog. */
    public synchronized double drainBytesPerSecond() {
        return drain.bytesPerSecond();
    }

    /** Whether the socket was last measured to be the bottleneck (see {@link #drainBytesPerSecond()}). */
    public synchronized boolean drainIsBottleneck() {
        return drain.bottleneck();
    }

    /** Bytes handed to the sink so far (never decreasing). */
    public synchronized long handedBytes() {
        return handedBytes;
    }

    public synchronized long droppedVideo() {
        return droppedVideo;
    }

    public synchronized long droppedAudio() {
        return droppedAudio;
    }

    private boolean overBudget() {
        return waitingMillisNow() > budgetMillis;
    }

    private long waitingMillisNow() {
        return drain.millisToDrain(bytes + lastSinkBytes);
    }

    private long handoffBytes() {
        if (!drain.bottleneck()) {
            return HANDOFF_UNMEASURED_BYTES; // the socket keeps up: holding frames back would only delay them
        }
        long atRate = (long) (drain.bytesPerSecond() * HANDOFF_MILLIS / 1000);
        return Math.clamp(atRate, HANDOFF_MIN_BYTES, HANDOFF_MAX_BYTES);
    }

    /**
     * How much of the sender's media, in its own capture time, waits here up to a frame captured at
     * {@code newestMicros}. Together with the drain rate this tells a connection that is behind from one that
     * was just handed a burst (a recorded clip, a test) it is working off at full speed.
     * Only called when the drain rate already says "over budget", so the scan is rare.
     */
    private long mediaWaitingMillis(int senderId, long newestMicros) {
        long oldest = newestMicros;
        for (ArrayDeque<Entry> lane : List.of(audio, screen, camera)) {
            for (Entry entry : lane) {
                if (entry.stream().senderId() == senderId) {
                    oldest = Math.min(oldest, entry.captureMicros());
                    break; // each lane is in arrival order, so its first entry of the sender is its oldest
                }
            }
        }
        return (newestMicros - oldest) / 1000;
    }

    private void add(ArrayDeque<Entry> lane, StreamId stream, ByteBuffer frame, long captureMicros) {
        lane.add(new Entry(stream, frame, captureMicros));
        frames++;
        bytes += frame.remaining();
    }
}
