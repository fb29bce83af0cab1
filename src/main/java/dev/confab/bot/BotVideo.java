package dev.confab.bot;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.video.LatencyHistogram;
import dev.confab.meeting.video.MediaOut;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.meeting.video.VideoReceiver;
import dev.confab.meeting.video.VideoSender;
import dev.confab.protocol.MediaFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The bot's video: sends the synthetic test pattern (unless {@code --video none}) and decodes what it receives. */
final class BotVideo implements AutoCloseable {

    /** Default {@code limits.maxBinaryFrameBytes} (docs/protocol.md section 1). */
    private static final int MAX_BINARY_FRAME_BYTES = 1024 * 1024;

    record Remote(int participantId, int width, int height, long framesReceived, long framesDecoded, long framesLost,
                  long framesDropped, long decodeErrors, long keyframeRequests, double latencyP50Millis,
                  double latencyP95Millis, double latencyP99Millis, double arrivalP95Millis) {
    }

    /** The {@code video} part of the bot's stats JSON. Latencies: capture timestamp → decoded picture. */
    record Report(String source, String size, int fps, long framesSent, long keyframesSent, long framesDroppedUplink,
                  long kilobytesSent, List<Remote> remotes, double latencyP50Millis, double latencyP95Millis,
                  double latencyP99Millis) {
    }

    private final String source;
    private final VideoFormat format;
    private final VideoSender sender;
    private final VideoReceiver receiver;

    BotVideo(String source, VideoFormat format, AtomicReference<MeetingSession> session) {
        this.source = source;
        this.format = format;
        MediaOut out = (header, payload) -> {
            MeetingSession current = session.get();
            return current != null && current.sendMedia(header, payload);
        };
        this.sender = "none".equals(source) ? null : new VideoSender(new FfmpegCaptureFactory(),
                FfmpegCaptureFactory.SYNTHETIC_CAMERA, VideoCodec.PREFERRED, new VideoQualityPolicy(format),
                MAX_BINARY_FRAME_BYTES, out);
        this.receiver = new VideoReceiver((id, kind) -> {
            MeetingSession current = session.get();
            if (current != null) {
                current.requestKeyframe(id, kind);
            }
        });
    }

    void startSending() throws MediaException {
        if (sender != null) {
            sender.setCameraOn(true);
        }
    }

    void onMedia(MediaFrame frame) {
        receiver.onMedia(frame);
    }

    void onKeyframeRequested() {
        if (sender != null) {
            sender.onKeyframeRequested();
        }
    }

    void onRateHint() {
        if (sender != null) {
            sender.onRateHint();
        }
    }

    void participantCount(int count) {
        if (sender != null) {
            sender.participantCount(count);
        }
    }

    Report report() {
        List<Remote> remotes = new ArrayList<>();
        for (Map.Entry<Integer, StreamStats> entry : receiver.cameraStats().entrySet()) {
            StreamStats s = entry.getValue();
            remotes.add(new Remote(entry.getKey(), s.width(), s.height(), s.framesReceived(), s.framesDecoded(),
                    s.framesLost(), s.framesDropped(), s.decodeErrors(), s.keyframeRequests(), s.latencyP50Millis(),
                    s.latencyP95Millis(), s.latencyP99Millis(), s.arrivalP95Millis()));
        }
        var arrivals = new LatencyHistogram();
        var decoded = new LatencyHistogram();
        receiver.addLatenciesTo(arrivals, decoded);
        VideoSender.Stats sent = sender != null ? sender.stats() : null;
        return new Report(source, format.width() + "x" + format.height(), format.fps(),
                sent != null ? sent.framesSent() : 0, sent != null ? sent.keyframesSent() : 0,
                sent != null ? sent.framesDroppedUplink() : 0, sent != null ? sent.bytesSent() / 1024 : 0,
                remotes, decoded.percentileMillis(50), decoded.percentileMillis(95), decoded.percentileMillis(99));
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
        receiver.close();
    }
}
