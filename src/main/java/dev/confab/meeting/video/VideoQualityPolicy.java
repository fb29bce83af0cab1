package dev.confab.meeting.video;

import dev.confab.media.VideoFormat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Picks the camera stream's resolution and bitrate from the meeting size, from the bitrate the network carries
 * ({@link #limit}: the server's {@code send_target} and this client's own uplink estimate, see
 * {@code meeting.rate}) and from the server's drop hints. It takes the best rung that fits all three. The
 * encoder restarts (with a keyframe) on every change, so a step down waits at least {@link #MIN_DOWN_INTERVAL}
 * after the last change and a step up {@link #MIN_UP_INTERVAL}; a drop hint steps down one rung (at most every
 * {@link #MIN_CHANGE_INTERVAL}) and recovers one step after {@link #RECOVERY_QUIET} without hints. Not thread-safe:
 * the sender guards it.
 */
public final class VideoQualityPolicy {

    /** One rung of the ladder. */
    public record Target(VideoFormat format, int bitrateBitsPerSecond) {
    }

    /** Best first (the default ladder). Each rung roughly halves the pixels and the bits of the one above. */
    public static final List<Target> LADDER = List.of(
            new Target(new VideoFormat(1280, 720, 30), 1_500_000),
            new Target(new VideoFormat(960, 540, 30), 900_000),
            new Target(new VideoFormat(640, 360, 30), 500_000),
            new Target(new VideoFormat(480, 270, 30), 300_000),
            new Target(new VideoFormat(320, 180, 15), 150_000));

    /** A drop hint steps down again at most this often. */
    static final Duration MIN_CHANGE_INTERVAL = Duration.ofSeconds(3);
    /**
     * A step up waits this long after the last change. The network's limit rises as probes prove the link (1.5×
     * every 1.25 s once a limit has lifted), and each step restarts the encoder with a keyframe. From 480×270 back to
     * 720p is three steps: with 3 s they spent 6 s of the 10 s the issue allows for it just waiting.
     */
    static final Duration MIN_UP_INTERVAL = Duration.ofSeconds(2);
    /** From this many participants on, the camera is sent in simulcast layers (see {@link #lowerLayers()}). */
    public static final int SIMULCAST_FROM = 3;
    /** Rungs between one simulcast layer and the next: two rungs is about half the width and height. */
    private static final int LAYER_STEP = 2;
    /** A step down (the network asks for less) comes sooner: waiting only fills queues. */
    static final Duration MIN_DOWN_INTERVAL = Duration.ofSeconds(1);
    static final Duration RECOVERY_QUIET = Duration.ofSeconds(10);

    private final List<Target> ladder;
    private int participants = 1;
    private int congestionSteps;
    private int limitBitsPerSecond = Integer.MAX_VALUE;
    private long lastHintNanos;
    private long lastCongestionChangeNanos;
    private Target applied;
    private long appliedAtNanos;
    private List<Target> lowerLayers = List.of();
    private int lowerLayersTop = Integer.MIN_VALUE;
    private boolean lowerLayersSimulcast;

    /** The standard ladder, 720p30 at the top. */
    public VideoQualityPolicy() {
        this(LADDER.getFirst().format());
    }

    /**
     * A ladder topped by {@code best} (e.g. the bot's {@code --video-size}/{@code --fps}), followed by the
     * standard rungs of smaller height, in {@code best}'s aspect ratio (a 4:3 camera stays 4:3); frame rates
     * never exceed {@code best}'s.
     */
    public VideoQualityPolicy(VideoFormat best) {
        long bestPixels = (long) best.width() * best.height();
        var rungs = new java.util.ArrayList<Target>();
        rungs.add(new Target(best, LADDER.stream().filter(t -> t.format().width() == best.width()
                        && t.format().height() == best.height()).mapToInt(Target::bitrateBitsPerSecond).findFirst()
                .orElse((int) Math.max(150_000, 1_500_000 * bestPixels / (1280 * 720)))));
        for (Target rung : LADDER) {
            VideoFormat f = rung.format();
            // The rung's height in the camera's own shape: a 4:3 camera stays 4:3, never stretched to 16:9.
            int width = even((long) f.height() * best.width() / best.height());
            if ((long) width * f.height() < bestPixels && f.height() < best.height()) {
                rungs.add(new Target(new VideoFormat(width, f.height(), Math.min(f.fps(), best.fps())),
                        rung.bitrateBitsPerSecond()));
            }
        }
        ladder = List.copyOf(rungs);
    }

    private static int even(long value) {
        return (int) Math.max(2, value & ~1L);
    }

    /** The rung for a meeting of this size without congestion: 1-2 → 720p, 3-4 → 540p, 5-9 → 360p, 10+ → 270p. */
    static int baseRung(int participantCount) {
        if (participantCount <= 2) {
            return 0;
        }
        if (participantCount <= 4) {
            return 1;
        }
        return participantCount <= 9 ? 2 : 3;
    }

    public void participantCount(int count) {
        participants = Math.max(1, count);
    }

    /** The server reported that receivers drop this stream: step down one rung (at most every few seconds). */
    public void rateHint(long nowNanos) {
        lastHintNanos = nowNanos;
        if (congestionSteps == 0 || nowNanos - lastCongestionChangeNanos >= MIN_CHANGE_INTERVAL.toNanos()) {
            congestionSteps = Math.min(congestionSteps + 1, ladder.size() - 1);
            lastCongestionChangeNanos = nowNanos;
        }
    }

    /** The most the network carries for this stream now, bits per second; 0 or less: no limit. */
    public void limit(int bitsPerSecond) {
        limitBitsPerSecond = bitsPerSecond <= 0 ? Integer.MAX_VALUE : bitsPerSecond;
    }

    /** The target the encoder should use now (the first call always returns one). */
    public Optional<Target> poll(long nowNanos) {
        if (congestionSteps > 0 && nowNanos - lastHintNanos >= RECOVERY_QUIET.toNanos()
                && nowNanos - lastCongestionChangeNanos >= RECOVERY_QUIET.toNanos()) {
            congestionSteps--;
            lastCongestionChangeNanos = nowNanos;
        }
        int rung = Math.max(baseRung(participants) + congestionSteps, fittingRung());
        Target wanted = ladder.get(Math.min(rung, ladder.size() - 1));
        if (wanted.equals(applied)) {
            return Optional.empty();
        }
        boolean down = applied != null && wanted.bitrateBitsPerSecond() < applied.bitrateBitsPerSecond();
        Duration spacing = down ? MIN_DOWN_INTERVAL : MIN_UP_INTERVAL;
        if (applied != null && nowNanos - appliedAtNanos < spacing.toNanos()) {
            return Optional.empty();
        }
        applied = wanted;
        appliedAtNanos = nowNanos;
        return Optional.of(wanted);
    }

    /**
     * The best rung whose bitrate fits the network's limit, with its simulcast layers (the last rung when none
     * does).
     */
    private int fittingRung() {
        for (int i = 0; i < ladder.size(); i++) {
            long cost = ladder.get(i).bitrateBitsPerSecond();
            for (Target layer : layersBelow(i)) {
                cost += layer.bitrateBitsPerSecond();
            }
            if (cost <= limitBitsPerSecond) {
                return i;
            }
        }
        return ladder.size() - 1;
    }

    /**
     * The simulcast layers sent besides {@link #current()}, best first: in a meeting of {@link #SIMULCAST_FROM}
     * or more, the rung two below it (about half its width and height) and the ladder's last rung (the smallest
     * picture, for the poorest links), as far as they are below it; none in a smaller meeting, where the one
     * receiver's link decides the only layer. The
     * server gives each receiver the best layer its downlink carries (docs/protocol.md section 9.3).
     */
    public List<Target> lowerLayers() {
        int top = ladder.indexOf(current());
        boolean simulcast = participants >= SIMULCAST_FROM;
        // Asked for every encoded picture: the list is made again only when the rung or the meeting's size changed.
        if (top != lowerLayersTop || simulcast != lowerLayersSimulcast) {
            lowerLayers = layersBelow(top);
            lowerLayersTop = top;
            lowerLayersSimulcast = simulcast;
        }
        return lowerLayers;
    }

    private List<Target> layersBelow(int top) {
        if (participants < SIMULCAST_FROM || top < 0) {
            return List.of();
        }
        var layers = new java.util.ArrayList<Target>();
        int middle = top + LAYER_STEP;
        int last = ladder.size() - 1;
        if (middle < last) {
            layers.add(ladder.get(middle));
        }
        if (last > top) {
            layers.add(ladder.get(last)); // the smallest picture, for the poorest links
        }
        return List.copyOf(layers);
    }

    /** The top rung (what the camera is opened at; the encoder scales down from it). */
    public Target best() {
        return ladder.getFirst();
    }

    /** The target last returned by {@link #poll}, or the top rung before the first poll. */
    public Target current() {
        return applied != null ? applied : ladder.getFirst();
    }
}
