package dev.confab.bot;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.RemoteAudioStats;
import dev.confab.meeting.call.CallRateControl;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.LatencyHistogram;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoSender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bot's per-second view of the meeting (the {@code timeline} of its stats JSON): for each remote, what the
 * last second brought — pictures, size, bit rate, frames lost, sound lost and concealed, glass-to-glass latency
 * p95 — and the bot's own connection state, camera rung and congestion-control figures. Totals hide a dip of a
 * few seconds; this shows it, and how fast it recovered. Sampled on a daemon thread of its own.
 */
final class BotTimeline implements AutoCloseable {

    /** One remote in one second. {@code latencyP95Millis}: NaN when no picture was decoded in that second. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Remote(int participantId, String picture, double fps, double kbps, long framesLost, long audioLost,
                  long audioConcealed, double latencyP95Millis) {
    }

    /**
     * One second. {@code sending}: the own camera's picture and bitrate (null without a camera);
     * {@code downlinkEstimateKbps}: 0 while no limit is known; {@code cameraTargetKbps}: null without a target.
     */
    record Second(double atSeconds, String state, String sending, Integer sendingKbps, int downlinkEstimateKbps,
                  Integer cameraTargetKbps, List<Remote> remotes) {
    }

    private record Totals(long framesLost, long audioLost, long audioConcealed, LatencyHistogram latencies) {
    }

    private final MeetingCall call;
    private final long startedNanos = System.nanoTime();
    private final List<Second> seconds = new ArrayList<>();
    private final Map<Integer, Totals> last = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bot-timeline").factory());

    BotTimeline(MeetingCall call) {
        this.call = call;
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    synchronized List<Second> seconds() {
        return List.copyOf(seconds);
    }

    private synchronized void sample() {
        try {
            MeetingVideo video = call.video();
            AudioCall audio = call.audio();
            Map<Integer, RemoteAudioStats> sound = audio == null ? Map.of() : audio.receiver().stats();
            Map<Integer, StreamStats> cameras = video == null ? Map.of() : video.receiver().cameraStats();
            var ids = new TreeSet<Integer>(cameras.keySet());
            ids.addAll(sound.keySet());
            List<Remote> remotes = new ArrayList<>();
            for (int id : ids) {
                remotes.add(remote(id, cameras.get(id), sound.get(id), video));
            }
            VideoSender sender = video == null ? null : video.sender();
            VideoSender.Stats sent = sender != null && sender.cameraOn() ? sender.stats() : null;
            CallRateControl.Figures rate = call.rateFigures();
            seconds.add(new Second((System.nanoTime() - startedNanos) / 1e9,
                    call.session().state().getClass().getSimpleName(),
                    sent == null ? null : sent.width() + "x" + sent.height(), sent == null ? null : sent.bitrate() / 1000,
                    rate.downlinkEstimateKbps(), rate.cameraTargetKbps(), List.copyOf(remotes)));
        } catch (RuntimeException e) {
            // A sample must never stop the timer; the next second tries again.
        }
    }

    private Remote remote(int id, StreamStats camera, RemoteAudioStats sound, MeetingVideo video) {
        LatencyHistogram latencies = video == null ? new LatencyHistogram() : video.receiver().cameraLatencies(id);
        Totals now = new Totals(camera == null ? 0 : camera.framesLost(), sound == null ? 0 : sound.lost(),
                sound == null ? 0 : sound.concealed(), latencies);
        Totals before = last.getOrDefault(id, new Totals(0, 0, 0, new LatencyHistogram()));
        last.put(id, now);
        LatencyHistogram lastSecond = latencies.since(before.latencies());
        return new Remote(id, camera == null ? null : camera.width() + "x" + camera.height(),
                camera == null ? 0 : camera.fps(), camera == null ? 0 : camera.kbps(),
                now.framesLost() - before.framesLost(), now.audioLost() - before.audioLost(),
                now.audioConcealed() - before.audioConcealed(),
                lastSecond.count() == 0 ? Double.NaN : lastSecond.percentileMillis(95));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
