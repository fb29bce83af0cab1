package dev.confab.bot;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.LatencyHistogram;
import dev.confab.meeting.video.LipSyncStats;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.meeting.video.VideoSender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bot's video: sends the synthetic test pattern (unless {@code --video none}) and decodes what it receives.
 * Lives in the bot's {@link MeetingCall}, which routes to it and closes it.
 */
final class BotVideo {

    /**
     * One remote camera; {@code lipSync} is null when none of it was decoded. {@code receivedKbitPerSecond}: its bytes
     * over the bot's time in the meeting (what a link limit caps).
     */
    record Remote(int participantId, int width, int height, long framesReceived, long framesDecoded, long framesLost,
                  long framesDropped, long decodeErrors, long keyframeRequests, long kilobytesReceived,
                  double receivedKbitPerSecond, double latencyP50Millis,
                  double latencyP95Millis, double latencyP99Millis, double arrivalP95Millis, LipSyncStats lipSync) {
    }

    /** The {@code video} part of the bot's stats JSON. Latencies: capture timestamp → decoded picture. */
    record Report(String source, String size, int fps, long framesSent, long keyframesSent, long framesDroppedUplink,
                  long kilobytesSent, List<Remote> remotes, double latencyP50Millis, double latencyP95Millis,
                  double latencyP99Millis, BotBackground.Report background) {
    }

    private final String source;
    private final VideoFormat format;
    private final MeetingVideo video;
    private final MeetingCall call;
    private final BotBackground background;
    private volatile long joinedAt;

    /** @param background {@code --background}'s effect on the camera, or null */
    BotVideo(String source, VideoFormat format, MeetingCall call, BotBackground background) {
        this.call = call;
        this.source = source;
        this.format = format;
        this.background = background;
        FfmpegCaptureFactory cameras = new FfmpegCaptureFactory();
        this.video = call.startVideo(background == null ? cameras : background.wrap(cameras),
                "none".equals(source) ? null : FfmpegCaptureFactory.SYNTHETIC_CAMERA, new VideoQualityPolicy(format));
    }

    /** Starts the synthetic camera and tells everyone it is on, as a person's client does. */
    void startSending() throws MediaException {
        joinedAt = System.nanoTime();
        if (video.sender() != null) {
            video.sender().setCameraOn(true);
            call.session().changeOwnState(state -> state.withCameraOn(true));
        }
    }

    MeetingVideo video() {
        return video;
    }

    Report report() {
        List<Remote> remotes = new ArrayList<>();
        double secondsInMeeting = joinedAt == 0 ? Double.NaN : (System.nanoTime() - joinedAt) / 1e9;
        for (Map.Entry<Integer, StreamStats> entry : video.receiver().cameraStats().entrySet()) {
            StreamStats s = entry.getValue();
            remotes.add(new Remote(entry.getKey(), s.width(), s.height(), s.framesReceived(), s.framesDecoded(),
                    s.framesLost(), s.framesDropped(), s.decodeErrors(), s.keyframeRequests(), s.bytesReceived() / 1024,
                    s.bytesReceived() * 8 / 1000.0 / secondsInMeeting, s.latencyP50Millis(),
                    s.latencyP95Millis(), s.latencyP99Millis(), s.arrivalP95Millis(),
                    video.receiver().lipSync(entry.getKey())));
        }
        var arrivals = new LatencyHistogram();
        var decoded = new LatencyHistogram();
        video.receiver().addLatenciesTo(arrivals, decoded);
        VideoSender.Stats sent = video.sender() != null ? video.sender().stats() : null;
        return new Report(source, format.width() + "x" + format.height(), format.fps(),
                sent != null ? sent.framesSent() : 0, sent != null ? sent.keyframesSent() : 0,
                sent != null ? sent.framesDroppedUplink() : 0, sent != null ? sent.bytesSent() / 1024 : 0,
                remotes, decoded.percentileMillis(50), decoded.percentileMillis(95), decoded.percentileMillis(99),
                background == null ? null : background.report());
    }
}
