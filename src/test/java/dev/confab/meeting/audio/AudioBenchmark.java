package dev.confab.meeting.audio;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.protocol.HumanDuration;
import dev.confab.protocol.MediaFrame;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.TestServers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audio figures of docs/performance.md: N participants in one process, each sending the synthetic
 * 440 Hz microphone through a loopback server and receiving everyone else in real time. Prints mouth-to-ear
 * p50/p95 over every frame heard and the share of concealed frames. Usage: {@code AudioBenchmark N DURATION}.
 */
public final class AudioBenchmark {

    private static final class Participant implements MeetingListener {
        volatile AudioCall call;
        MeetingSession session;
        final LatencyRecorder transit = new LatencyRecorder();

        @Override
        public void onMedia(MediaFrame frame) {
            transit.record(AudioReceiver.epochMicros() - frame.header().captureMicros());
            AudioCall current = call;
            if (current != null) {
                current.receiver().onMedia(frame);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Duration duration = HumanDuration.parse(args.length > 1 ? args[1] : "20s");
        MeetingServer server = TestServers.start(TestServers.loopback());
        List<Participant> participants = new ArrayList<>();
        try {
            String meetingId = null;
            for (int i = 0; i < count; i++) {
                Participant p = new Participant();
                p.session = new MeetingSession(SessionOptions.of(server.url(), "P" + i, ServerTrust.systemOnly()), p);
                if (meetingId == null) {
                    p.session.createMeeting(null);
                } else {
                    p.session.join(meetingId, null);
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!(p.session.state() instanceof SessionState.InMeeting inMeeting)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("P" + i + " could not join: " + p.session.state());
                    }
                    Thread.onSpinWait();
                }
                meetingId = inMeeting.meetingId();
                p.call = AudioCall.start(p.session, AudioCall.Source.microphone(new FfmpegCaptureFactory(),
                        FfmpegCaptureFactory.SYNTHETIC_MICROPHONE), new NullAudioOutput(), AudioCall.Processing.NONE, false);
                participants.add(p);
            }
            Thread.sleep(duration.toMillis()); // a benchmark run, not a test: it measures for this long
            LatencyRecorder latency = new LatencyRecorder();
            LatencyRecorder transit = new LatencyRecorder();
            long played = 0;
            long concealed = 0;
            long lost = 0;
            double maxJitter = 0;
            for (Participant p : participants) {
                latency.addAll(p.call.receiver().combinedLatency());
                transit.addAll(p.transit);
                for (RemoteAudioStats s : p.call.receiver().stats().values()) {
                    played += s.played();
                    concealed += s.concealed();
                    lost += s.lost();
                    maxJitter = Math.max(maxJitter, s.jitterMillis());
                }
            }
            System.out.printf(Locale.ROOT, "participants=%d duration=%s streams=%d frames-heard=%d%n", count, duration,
                    count * (count - 1), played);
            System.out.printf(Locale.ROOT, "mouth-to-ear p50=%.0f ms p95=%.0f ms%n", latency.percentileMillis(0.5),
                    latency.percentileMillis(0.95));
            System.out.printf(Locale.ROOT, "capture-to-arrival p50=%.0f ms p95=%.0f ms%n", transit.percentileMillis(0.5),
                    transit.percentileMillis(0.95));
            System.out.printf(Locale.ROOT, "concealed=%d (%.3f %%) lost=%d max-jitter=%.1f ms%n", concealed,
                    100.0 * concealed / Math.max(1, played + concealed), lost, maxJitter);
        } finally {
            for (Participant p : participants.reversed()) {
                p.call.close();
                p.session.close();
            }
            server.stop();
        }
    }

    private AudioBenchmark() {
    }
}
