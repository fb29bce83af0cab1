package dev.confab.server;

import dev.confab.protocol.Participant;
import dev.confab.protocol.Role;
import dev.confab.protocol.StreamKind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * A participant as the server keeps it. Mutable fields are guarded by the owning {@link Meeting}'s lock,
 * except {@link #connection}, which the media relay reads without it.
 */
final class Member {

    final int id;
    final String displayName;
    final Instant joinedAt;
    final String resumeToken;
    final Meeting meeting;
    /** End-to-end chat public key the participant announced (base64), relayed untouched; may be null. */
    final String chatKey;
    private final Map<StreamKind, SenderStreamStats> streams = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, KeyframeGate> keyframeGates = new EnumMap<>(StreamKind.class);

    Role role = Role.PARTICIPANT;
    /** Order in which the host made this member co-host (1 = first); 0 unless a co-host. */
    long cohostSince;
    boolean muted;
    boolean cameraOn;
    /** Volatile: the media relay reads it without the meeting's lock to admit SCREEN frames. */
    volatile boolean sharing;
    boolean allowViewerAnnotation;
    /** The share is a whiteboard (no SCREEN frames; drawn from sealed annotations). */
    boolean sharingWhiteboard;
    final TokenBucket annotationRate = new TokenBucket(ShareControls.ANNOTATIONS_PER_SECOND,
            2 * ShareControls.ANNOTATIONS_PER_SECOND);
    boolean recording;
    final TokenBucket reactionRate = new TokenBucket(HandControls.REACTIONS_PER_SECOND, HandControls.REACTION_BURST);
    /** What this member's downlink carries, kbit/s, as it last reported ({@code receive_estimate}); null: no limit. */
    volatile Integer downlinkKbps;
    /**
     * Whose cameras this member shows, as a receiver ({@code view}); {@link ReceiverView#EVERYONE} until it says.
     * Written under the meeting's lock, read by the relay without it. Kept across a resume, like the media flags.
     */
    volatile ReceiverView view = ReceiverView.EVERYONE;
    /**
     * The shown cameras this member's downlink cannot carry now ({@link CameraAllocation}): not forwarded to it.
     * Written under the meeting's lock ({@link SendTargets#update}), read by the relay without it.
     */
    volatile java.util.Set<Integer> pausedCameras = java.util.Set.of();
    /**
     * What this member's downlink has for each camera it receives, kbit/s ({@link SendTargets#budgetKbps}; infinite
     * without an estimate). Worked out by {@link SendTargets#update} under the meeting's lock whenever an input
     * changes (estimate, view, who is muted, has a camera on or shares), read by the relay without the lock for
     * every simulcast frame, so that picking a layer does not walk the meeting per frame and receiver.
     */
    volatile double cameraBudgetKbps = Double.POSITIVE_INFINITY;
    /** This member's simulcast camera layers as a sender (rates, presence). */
    final LayerRates cameraLayers = new LayerRates();
    /**
     * When this member's last AUDIO frame reached the server (epoch ms). Sound costs its receivers' downlinks only
     * while it flows: someone unmuted without a microphone (or a bot without sound) sends none. With DTX silence
     * still sends a frame every 400 ms, so {@link #SOUND_RECENT_MILLIS} spans several.
     */
    private volatile long lastSoundMillis = Long.MIN_VALUE / 2;
    static final long SOUND_RECENT_MILLIS = 2_000;
    /** The queue in this member's uplink, from its sound's arrival at the server. */
    final UplinkQueue uplinkQueue = new UplinkQueue();
    /** The targets last sent to this member as a sender ({@link SendTargets}); a stream absent has none. */
    final Map<StreamKind, Integer> sentTargets = new EnumMap<>(StreamKind.class);
    ScheduledFuture<?> resumeExpiry;
    private volatile ClientConnection connection;

    /**
     * An AUDIO frame of this member reached the server now; true when its sound starts (again) with it, after
     * {@link #SOUND_RECENT_MILLIS} or more without any: its receivers' budgets must then make room for it.
     */
    boolean soundHeard() {
        long now = System.currentTimeMillis();
        long last = lastSoundMillis;
        lastSoundMillis = now;
        return now - last >= SOUND_RECENT_MILLIS;
    }

    /** Whether this member's sound takes a share of its receivers' downlinks: unmuted, and sound arriving lately. */
    boolean sendsSound() {
        return !muted && System.currentTimeMillis() - lastSoundMillis < SOUND_RECENT_MILLIS;
    }

    Member(int id, String displayName, Instant joinedAt, String resumeToken, Meeting meeting, String chatKey) {
        this.id = id;
        this.displayName = displayName;
        this.joinedAt = joinedAt;
        this.resumeToken = resumeToken;
        this.meeting = meeting;
        this.chatKey = chatKey;
    }

    Participant view() {
        return new Participant(id, displayName, role, muted, cameraOn, sharing, recording, connection != null, joinedAt,
                chatKey);
    }

    /** Whether this member may moderate (host or co-host); read under the meeting's lock. */
    boolean moderates() {
        return role.moderates();
    }

    ClientConnection connection() {
        return connection;
    }

    void connection(ClientConnection value) {
        connection = value;
    }

    /** Per-stream relay statistics of this member as a sender. */
    synchronized SenderStreamStats stream(StreamKind kind) {
        return streams.computeIfAbsent(kind, k -> new SenderStreamStats());
    }

    /** The keyframe requests to this member as the sender of {@code kind}. */
    synchronized KeyframeGate keyframeGate(StreamKind kind) {
        return keyframeGates.computeIfAbsent(kind, k -> new KeyframeGate());
    }

    /** Sends SCREEN frames: shares, and not a whiteboard (which travels as annotations and takes no video budget). */
    boolean sendsScreen() {
        return sharing && !sharingWhiteboard;
    }
}
