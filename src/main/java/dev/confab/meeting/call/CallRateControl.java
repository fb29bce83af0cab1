package dev.confab.meeting.call;

import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.ShownCamera;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.rate.DownlinkEstimator;
import dev.confab.meeting.rate.UplinkEstimator;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.StreamKind;
import dev.confab.signaling.SignalingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Congestion control of one call (docs/protocol.md section 7.3, docs/architecture.md "Congestion control").
 * Downlink: every received frame is timed ({@link DownlinkEstimator}); the estimate goes to the server as
 * {@code receive_estimate}, which answers each sender with a {@code send_target}. Uplink: the own send queue is
 * read every tick ({@link UplinkEstimator}). The camera and the share are kept under the lower of the server's
 * target and the uplink's estimate, minus the own sound. Ticks run on one shared daemon thread for all calls.
 */
public final class CallRateControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallRateControl.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confab-rate").factory());
    /** Own sound on the wire (Opus 32 kbit/s plus framing), kept out of the video's share of the uplink. */
    private static final int OWN_AUDIO_BPS = 48_000;

    /** What the call knows about its links, for overlays and statistics. */
    public record Figures(int downlinkEstimateKbps, long downlinkQueueingMillis, Integer cameraTargetKbps,
                          Integer screenTargetKbps, int uplinkEstimateKbps, long probes, long failedProbes) {
    }

    private final CallMedia media;
    private final DownlinkEstimator downlink = new DownlinkEstimator();
    private final UplinkEstimator uplink = new UplinkEstimator();
    private volatile MeetingSession session;
    private volatile ScheduledFuture<?> ticks;
    private volatile ScheduledFuture<?> overdueChecks;
    private volatile Integer cameraTargetKbps;
    private volatile Integer screenTargetKbps;
    private volatile double uplinkBps = Double.NaN;
    /** Each shown camera's tile, pixels, by participant; null until the call shows a page (then every camera). */
    private volatile Map<Integer, Long> tilePixels;
    // What was last applied, and to which pipeline (they are replaced at times); under this.
    private int appliedCameraBps = -1;
    private Object cameraAppliedTo;
    private int appliedScreenKbps = -1;
    private Object screenAppliedTo;

    CallRateControl(CallMedia media) {
        this.media = media;
    }

    void start(MeetingSession meetingSession) {
        session = meetingSession;
        ticks = TIMER.scheduleAtFixedRate(this::tick, DownlinkEstimator.TICK_MILLIS, DownlinkEstimator.TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        overdueChecks = TIMER.scheduleAtFixedRate(this::checkOverdue, DownlinkEstimator.OVERDUE_CHECK_MILLIS,
                DownlinkEstimator.OVERDUE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Between arrivals: sound overdue may show a queue starting before the frames behind it arrive. */
    private void checkOverdue() {
        try {
            downlink.overdue(System.nanoTime()).ifPresent(this::report);
        } catch (RuntimeException e) {
            LOG.warn("Overdue sound check failed", e); // never kill the shared timer
        }
    }

    /** A received frame, on the network reader thread. */
    void received(MediaFrame frame) {
        MediaFrameHeader header = frame.header();
        long arrivalMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Optional<DownlinkEstimator.Report> urgent = downlink.frame(header.senderId(),
                header.stream() == StreamKind.AUDIO, MediaFrameHeader.SIZE + frame.payload().remaining(),
                header.captureMicros(), arrivalMicros, System.nanoTime());
        if (urgent.isPresent()) {
            TIMER.execute(() -> report(urgent.get())); // sent by the rate thread, never the network reader
        }
    }

    private void report(DownlinkEstimator.Report report) {
        MeetingSession current = session;
        if (current != null) {
            current.reportReceiveEstimate(report.kbps() == DownlinkEstimator.UNLIMITED ? null : report.kbps(),
                    report.queueMillis());
            LOG.debug("event=receive_estimate kbps={} queueMillis={}", report.kbps(), report.queueMillis());
        }
    }

    /** The server paused cameras this receiver shows ({@code cameras_paused}), or none: see the estimator. */
    void camerasPaused(boolean any) {
        downlink.camerasPaused(any);
    }

    /** The cameras the call shows now and their tiles (as told to the server in {@code view}). */
    void shown(List<ShownCamera> cameras) {
        Map<Integer, Long> tiles = new HashMap<>();
        cameras.forEach(c -> tiles.put(c.participantId(), (long) c.width() * c.height()));
        tilePixels = Map.copyOf(tiles);
    }

    void forget(int senderId) {
        downlink.forget(senderId);
    }

    /** The server's {@code send_target}; null: no limit. */
    void sendTarget(StreamKind stream, Integer maxKbps) {
        LOG.debug("event=send_target stream={} maxKbps={}", stream, maxKbps);
        if (stream == StreamKind.CAMERA) {
            cameraTargetKbps = maxKbps;
        } else if (stream == StreamKind.SCREEN) {
            screenTargetKbps = maxKbps;
        }
        apply();
    }

    Figures figures() {
        Integer camera = cameraTargetKbps;
        Integer screen = screenTargetKbps;
        double up = uplinkBps;
        long[] probes = downlink.probeCounts();
        return new Figures(downlink.estimateKbps(), downlink.queueingMillis(), camera, screen,
                Double.isNaN(up) ? DownlinkEstimator.UNLIMITED : (int) Math.round(up / 1000), probes[0], probes[1]);
    }

    private void tick() {
        try {
            MeetingSession current = session;
            if (current == null) {
                return;
            }
            long now = System.nanoTime();
            MeetingVideo video = media.video();
            downlink.camerasHeldBelow(video != null && video.receiver().anyCameraHeldBelow(tilePixels));
            DownlinkEstimator.Actions actions = downlink.tick(now);
            actions.report().ifPresent(this::report);
            AudioCall audio = media.audio();
            if (audio != null) {
                audio.receiver().downlinkConstrained(downlink.estimateKbps() != DownlinkEstimator.UNLIMITED);
            }
            if (actions.probeKbps() > 0) {
                current.requestProbe(Math.min(actions.probeKbps(), ClientMessage.ProbeRequest.MAX_KBPS),
                        actions.probeMillis());
            }
            SignalingConnection.Uplink reading = current.uplink();
            if (reading != null) {
                uplinkBps = uplink.tick(now, reading.waitingMillis(), reading.drainBitsPerSecond(), reading.bottleneck(),
                        reading.sentBytes());
            }
            apply();
        } catch (RuntimeException e) {
            LOG.warn("Rate control tick failed", e); // the next tick tries again; never kill the shared timer
        }
    }

    /** Keeps the camera and the share under what both links carry. */
    private synchronized void apply() {
        double up = uplinkBps;
        double uplinkForVideo = Double.isNaN(up) ? Double.NaN : Math.max(0, up - ownAudioBps());
        int cameraBps = limit(cameraTargetKbps, uplinkForVideo);
        MeetingVideo video = media.video();
        if (video != null && video.sender() != null && (cameraBps != appliedCameraBps || cameraAppliedTo != video)) {
            video.sender().limitBitrate(cameraBps);
            appliedCameraBps = cameraBps;
            cameraAppliedTo = video;
        }
        int screenBps = limit(screenTargetKbps, uplinkForVideo);
        int screenKbps = screenBps == 0 ? 0 : Math.max(1, screenBps / 1000);
        ShareMedia share = media.share();
        if (share != null && (screenKbps != appliedScreenKbps || screenAppliedTo != share)) {
            share.limitBitrate(screenKbps);
            appliedScreenKbps = screenKbps;
            screenAppliedTo = share;
        }
    }

    private int ownAudioBps() {
        AudioCall audio = media.audio();
        return audio == null ? 0 : OWN_AUDIO_BPS;
    }

    /** The lower of a server target (kbit/s) and an uplink budget (bit/s), in bit/s; 0: no limit. */
    private static int limit(Integer targetKbps, double uplinkBudgetBps) {
        double bps = Double.POSITIVE_INFINITY;
        if (targetKbps != null) {
            bps = targetKbps * 1000.0;
        }
        if (!Double.isNaN(uplinkBudgetBps)) {
            bps = Math.min(bps, uplinkBudgetBps);
        }
        return Double.isInfinite(bps) ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, bps));
    }

    @Override
    public void close() {
        for (ScheduledFuture<?> running : new ScheduledFuture<?>[]{ticks, overdueChecks}) {
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
