package dev.confab.loadtest;

import dev.confab.meeting.audio.LatencyRecorder;
import dev.confab.meeting.audio.RemoteAudioStats;
import dev.confab.meeting.video.StreamStats;
import dev.confab.netem.Direction;
import dev.confab.netem.LinkEmulator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the participants behind the link saw, interval by interval: the totals of the table hide a 20-second dip,
 * and this is what congestion control will be judged by (how deep the dip, how quickly the picture recovers).
 */
final class LinkTimeline {

    /**
     * One interval. {@code linkDownKbps}: what the emulator delivered down (all media and signalling) over the
     * interval; {@code videoFps} (per received stream) and {@code videoKbps} (all streams): the receivers' own rates
     * over the last second of the interval; {@code secondsSinceLastFrame}: the longest any
     * stream had shown nothing at the end of the interval; {@code audioConcealedPercent}: NaN without audio;
     * {@code picture}: the smallest received picture at the end (the sender's rung, e.g. "480x270");
     * {@code estimateKbps}: the lowest downlink estimate of the receivers (0: none knows a limit);
     * {@code probes}: downlink probes they asked for in the interval; {@code mouthToEarP95Millis}: of the sound
     * heard in the interval (NaN without audio); {@code camerasPaused}: cameras the server paused for their
     * downlinks at the interval's end ({@code cameras_paused}).
     */
    record Sample(double atSeconds, double linkDownKbps, double linkUpKbps, double videoFps, double videoKbps,
                  double secondsSinceLastFrame, double audioConcealedPercent, String picture, int estimateKbps,
                  long probes, double mouthToEarP95Millis, int camerasPaused) {
    }

    /**
     * The sound behind the link over the intervals while the link's schedule changed it (an interval counts when a
     * timed clause of the spec holds at its middle): the targets "during the limit" are judged by these,
     * not by the whole run's figures that the time before and after dilutes. {@code fromSeconds}/{@code toSeconds}:
     * the first such interval's start and the last one's end; {@code intervals} 0: the link never changed.
     */
    record WhileChanged(double fromSeconds, double toSeconds, int intervals, long framesHeard, double concealedPercent,
                        double mouthToEarP95Millis) {
    }

    private final LinkEmulator link;
    private final List<LoadParticipant> receivers;
    private final List<Sample> samples = new ArrayList<>();
    private long startedAt;
    private long lastAt;
    private long lastDown;
    private long lastUp;
    private long lastPlayed;
    private long lastConcealed;
    private long lastProbes;
    private LatencyRecorder lastLatency = new LatencyRecorder();
    private final LatencyRecorder changedLatency = new LatencyRecorder();
    private long changedPlayed;
    private long changedConcealed;
    private int changedIntervals;
    private double changedFrom = Double.NaN;
    private double changedTo = Double.NaN;

    LinkTimeline(LinkEmulator link, List<LoadParticipant> receivers) {
        this.link = link;
        this.receivers = receivers;
    }

    void start(long now) {
        startedAt = now;
        lastAt = now;
        lastDown = link.bytesDelivered(Direction.DOWN);
        lastUp = link.bytesDelivered(Direction.UP);
        long[] audio = audioTotals();
        lastPlayed = audio[0];
        lastConcealed = audio[1];
    }

    void sample(long now) {
        double seconds = (now - lastAt) / 1e9;
        long down = link.bytesDelivered(Direction.DOWN);
        long up = link.bytesDelivered(Direction.UP);
        double fps = 0;
        double kbps = 0;
        long silentMillis = 0;
        int streams = 0;
        StreamStats smallest = null;
        int estimate = 0;
        long probes = 0;
        int paused = 0;
        for (LoadParticipant p : receivers) {
            paused += p.pausedCameras();
            for (StreamStats s : p.receiver().cameraStats().values()) {
                streams++;
                fps += s.fps();
                kbps += s.kbps();
                silentMillis = Math.max(silentMillis, s.millisSinceLastFrame());
                smallest = smallest == null || s.height() < smallest.height() ? s : smallest;
            }
            var figures = p.rateFigures();
            if (figures.downlinkEstimateKbps() > 0) {
                estimate = estimate == 0 ? figures.downlinkEstimateKbps() : Math.min(estimate, figures.downlinkEstimateKbps());
            }
            probes += figures.probes();
        }
        long[] audio = audioTotals();
        LatencyRecorder latency = audioLatency();
        LatencyRecorder intervalLatency = latency.since(lastLatency);
        double mouthToEar = intervalLatency.percentileMillis(0.95);
        lastLatency = latency;
        long played = audio[0] - lastPlayed;
        long concealed = audio[1] - lastConcealed;
        if (changedAt((lastAt + now) / 2 - startedAt)) {
            changedLatency.addAll(intervalLatency);
            changedPlayed += played;
            changedConcealed += concealed;
            changedIntervals++;
            changedFrom = Double.isNaN(changedFrom) ? (lastAt - startedAt) / 1e9 : changedFrom;
            changedTo = (now - startedAt) / 1e9;
        }
        samples.add(new Sample((now - startedAt) / 1e9, (down - lastDown) * 8 / 1000.0 / seconds,
                (up - lastUp) * 8 / 1000.0 / seconds, streams == 0 ? 0 : fps / streams, kbps, silentMillis / 1000.0,
                receivers.stream().anyMatch(p -> p.audio() != null)
                        ? 100.0 * concealed / Math.max(1, played + concealed) : Double.NaN,
                smallest == null ? "-" : smallest.width() + "x" + smallest.height(), estimate, probes - lastProbes,
                mouthToEar, paused));
        lastProbes = probes;
        lastAt = now;
        lastDown = down;
        lastUp = up;
        lastPlayed = audio[0];
        lastConcealed = audio[1];
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    WhileChanged whileChanged() {
        return new WhileChanged(changedFrom, changedTo, changedIntervals, changedPlayed,
                100.0 * changedConcealed / Math.max(1, changedPlayed + changedConcealed),
                changedLatency.percentileMillis(0.95));
    }

    /** Whether a timed clause of the link's spec holds {@code elapsedNanos} after the schedule started. */
    private boolean changedAt(long elapsedNanos) {
        return link.spec().rules().stream()
                .anyMatch(rule -> !rule.constant() && rule.startNanos() <= elapsedNanos && elapsedNanos < rule.endNanos());
    }

    /** Mouth-to-ear latencies of every linked receiver so far. */
    private LatencyRecorder audioLatency() {
        LatencyRecorder all = new LatencyRecorder();
        for (LoadParticipant p : receivers) {
            if (p.audio() != null) {
                all.addAll(p.audio().receiver().combinedLatency());
            }
        }
        return all;
    }

    /** {frames played, frames concealed} over every linked receiver so far. */
    private long[] audioTotals() {
        long played = 0;
        long concealed = 0;
        for (LoadParticipant p : receivers) {
            if (p.audio() != null) {
                for (RemoteAudioStats s : p.audio().receiver().stats().values()) {
                    played += s.played();
                    concealed += s.concealed();
                }
            }
        }
        return new long[] {played, concealed};
    }

    static void print(PrintWriter out, List<Sample> samples, WhileChanged changed, boolean audio) {
        out.println("behind the link, per interval (t = its end, since the schedule started; video: the last second of it):");
        out.printf(Locale.ROOT, "%7s %11s %11s %9s %11s %12s %10s %9s %9s %6s %8s %6s%n", "t (s)", "down kbit/s",
                "up kbit/s", "video fps", "video kbit/s", "no frame (s)", "concealed", "picture", "estimate", "probes",
                "m2e p95", "paused");
        for (Sample s : samples) {
            out.printf(Locale.ROOT, "%7.1f %11.0f %11.0f %9.1f %11.0f %12.1f %10s %9s %9s %6d %8s %6d%n", s.atSeconds(),
                    s.linkDownKbps(), s.linkUpKbps(), s.videoFps(), s.videoKbps(), s.secondsSinceLastFrame(),
                    Double.isNaN(s.audioConcealedPercent()) ? "-"
                            : String.format(Locale.ROOT, "%.1f %%", s.audioConcealedPercent()),
                    s.picture(), s.estimateKbps() == 0 ? "none" : String.valueOf(s.estimateKbps()), s.probes(),
                    Double.isNaN(s.mouthToEarP95Millis()) ? "-" : String.format(Locale.ROOT, "%.0f", s.mouthToEarP95Millis()),
                    s.camerasPaused());
        }
        if (audio && changed.intervals() > 0) {
            out.printf(Locale.ROOT, "sound behind the link while it was changed (t %.0f-%.0f s): %d frames heard, "
                            + "mouth-to-ear p95 %.0f ms, concealed %.2f %%%n", changed.fromSeconds(), changed.toSeconds(),
                    changed.framesHeard(), changed.mouthToEarP95Millis(), changed.concealedPercent());
        }
    }
}
