package dev.confab.meeting.video;

import dev.confab.media.VideoFrameListener;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives the meeting's video: {@link #onMedia} (network thread) sorts CAMERA and SCREEN frames to one
 * {@link RemoteVideoStream} per (participant, stream), each with its own decoder thread; decoded BGRA
 * pictures go to the attached {@link VideoFrameListener} (a tile's {@code VideoView}). Lost frames and
 * decoder backlogs lead to keyframe requests through {@code requester} ({@code MeetingSession::requestKeyframe}).
 *
 * <p>Latency figures compare the sender's capture timestamp (epoch µs) with this machine's clock, so they are
 * meaningful on one machine or between NTP-synchronised machines (error = the clock offset).
 */
public final class VideoReceiver implements AutoCloseable {

    /** Asks a participant for a keyframe of a stream. */
    @FunctionalInterface
    public interface KeyframeRequester {
        void request(int participantId, StreamKind stream);
    }

    private record Key(int participantId, StreamKind kind) {
    }

    private final KeyframeRequester requester;
    private final boolean decode;
    private final Map<Key, RemoteVideoStream> streams = new ConcurrentHashMap<>();
    private final Map<Key, VideoFrameListener> listeners = new ConcurrentHashMap<>();
    /** Streams of participants who left, kept (decoders stopped) for end-of-meeting reports. */
    private final Map<Key, RemoteVideoStream> departed = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile AudioClock audioClock = AudioClock.NONE;

    /** A receiver that decodes every stream. */
    public VideoReceiver(KeyframeRequester requester) {
        this(requester, true);
    }

    /**
     * @param decode false to only account for frames (load tests measuring the relay, where hundreds of
     *               decoders would measure the test machine instead)
     */
    public VideoReceiver(KeyframeRequester requester, boolean decode) {
        this.requester = Objects.requireNonNull(requester, "requester");
        this.decode = decode;
    }

    /** Network thread: takes CAMERA and SCREEN frames, ignores the rest. Copies what it keeps; never blocks. */
    public void onMedia(MediaFrame frame) {
        StreamKind kind = frame.header().stream();
        if (closed || kind == StreamKind.AUDIO) {
            return;
        }
        Key key = new Key(frame.header().senderId(), kind);
        RemoteVideoStream stream = streams.get(key);
        if (stream == null) {
            stream = streams.computeIfAbsent(key, k -> {
                var created = new RemoteVideoStream(k.participantId(), k.kind(), decode, requester::request,
                        id -> audioClock.playoutCaptureMicros(id));
                VideoFrameListener waiting = listeners.get(k);
                if (waiting != null) {
                    created.attach(waiting);
                }
                return created;
            });
        }
        stream.accept(frame);
    }

    /**
     * Makes camera pictures follow each participant's sound (lip sync): pass {@code AudioReceiver::playoutCaptureMicros}
     * of the meeting's audio. Until then, and with {@link AudioClock#NONE}, pictures are shown as they come.
     */
    public void followAudio(AudioClock clock) {
        audioClock = Objects.requireNonNull(clock, "clock");
    }

    /** How well the participant's camera followed their sound, or null when none of it arrived. */
    public LipSyncStats lipSync(int participantId) {
        RemoteVideoStream stream = streams.get(new Key(participantId, StreamKind.CAMERA));
        if (stream == null) {
            stream = departed.get(new Key(participantId, StreamKind.CAMERA));
        }
        return stream != null ? stream.lipSync() : null;
    }

    /** Shows this participant's stream in {@code listener} (called on the stream's decoder thread). */
    public void attach(int participantId, StreamKind kind, VideoFrameListener listener) {
        Key key = new Key(participantId, kind);
        listeners.put(key, Objects.requireNonNull(listener, "listener"));
        RemoteVideoStream stream = streams.get(key);
        if (stream != null) {
            stream.attach(listener);
        }
    }

    public void detach(int participantId, StreamKind kind, VideoFrameListener listener) {
        Key key = new Key(participantId, kind);
        listeners.remove(key, listener);
        RemoteVideoStream stream = streams.get(key);
        if (stream != null) {
            stream.detach(listener);
        }
    }

    /** The participant left: stop their decoders and forget their numbers. */
    public void remove(int participantId) {
        for (StreamKind kind : StreamKind.values()) {
            Key key = new Key(participantId, kind);
            listeners.remove(key);
            RemoteVideoStream stream = streams.remove(key);
            if (stream != null) {
                stream.close();
                departed.put(key, stream);
            }
        }
    }

    /**
     * {@code participantId}'s camera is shown again after being hidden (the server forwarded none of it meanwhile):
     * the stream restarts at a keyframe, and the frames it skipped are not counted as lost. Any thread.
     */
    public void cameraShownAgain(int participantId) {
        RemoteVideoStream stream = streams.get(new Key(participantId, StreamKind.CAMERA));
        if (stream != null) {
            stream.restartsAtKeyframe();
        }
    }

    /** Numbers for the stats overlay, or null when nothing of this stream has arrived. */
    public StreamStats stats(int participantId, StreamKind kind) {
        RemoteVideoStream stream = streams.get(new Key(participantId, kind));
        return stream != null ? stream.stats() : null;
    }

    /**
     * Whether a camera arriving now comes on a lower simulcast layer than its sender's best although its tile would
     * show more of it ({@code tilePixels} by participant; null: no tile sizes given, every camera wants its best):
     * then the downlink estimate may be what holds it there. Any thread; cheap enough for every rate tick.
     */
    public boolean anyCameraHeldBelow(Map<Integer, Long> tilePixels) {
        for (var entry : streams.entrySet()) {
            Key key = entry.getKey();
            if (key.kind() != StreamKind.CAMERA) {
                continue;
            }
            Long tile = tilePixels == null ? Long.valueOf(0) : tilePixels.get(key.participantId());
            if (tile != null && entry.getValue().heldBelow(tile)) {
                return true;
            }
        }
        return false;
    }

    /** Network-quality bars 0..4 for the participant's tile, from their camera (or screen) stream. */
    public int quality(int participantId) {
        StreamStats camera = stats(participantId, StreamKind.CAMERA);
        StreamStats screen = stats(participantId, StreamKind.SCREEN);
        return Math.max(camera != null ? camera.bars() : 0, screen != null ? screen.bars() : 0);
    }

    /** Camera numbers of every participant seen (including those who left), for reports. */
    public Map<Integer, StreamStats> cameraStats() {
        var result = new java.util.TreeMap<Integer, StreamStats>();
        var all = new java.util.HashMap<>(departed);
        all.putAll(streams);
        all.forEach((key, stream) -> {
            if (key.kind() == StreamKind.CAMERA) {
                result.put(key.participantId(), stream.stats());
            }
        });
        return result;
    }

    /** Adds every stream's capture → arrival and capture → decoded samples to the given histograms. */
    /** A copy of {@code participantId}'s camera latencies so far (capture to decoded picture); empty if none. */
    public LatencyHistogram cameraLatencies(int participantId) {
        RemoteVideoStream stream = streams.get(new Key(participantId, StreamKind.CAMERA));
        return stream == null ? new LatencyHistogram() : stream.latencyHistogram().copy();
    }

    public void addLatenciesTo(LatencyHistogram arrivals, LatencyHistogram decoded) {
        java.util.stream.Stream.concat(departed.values().stream(), streams.values().stream()).forEach(stream -> {
            arrivals.add(stream.arrivalHistogram());
            decoded.add(stream.latencyHistogram());
        });
    }

    /** Adds every camera's lip-sync offsets (|picture − sound| when shown) to {@code offsets}. */
    public void addLipSyncOffsetsTo(LatencyHistogram offsets) {
        java.util.stream.Stream.concat(departed.values().stream(), streams.values().stream())
                .forEach(stream -> offsets.add(stream.lipSyncOffsets()));
    }

    @Override
    public void close() {
        closed = true;
        // The streams stay in the map so that their final numbers can still be read.
        streams.values().forEach(RemoteVideoStream::close);
    }
}
