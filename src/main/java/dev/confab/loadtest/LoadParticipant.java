package dev.confab.loadtest;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.meeting.video.VideoReceiver;
import dev.confab.meeting.video.VideoSender;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated participant in the load test: a real {@link MeetingSession} over the real server with its
 * {@link MeetingCall}, sending either the live synthetic camera (encoder and all) or a pre-encoded loop, and
 * receiving everyone else's video through a {@link VideoReceiver} (decoding in live mode, counting only in replay
 * mode). With audio it also sends the synthetic 440 Hz microphone and hears everyone through the real receive path
 * (jitter buffers, Opus, mixer, a real-time {@link NullAudioOutput}); live video then follows that sound (lip
 * sync). A throttled participant holds its network thread for a while per frame, like a receiver on a slow link.
 */
final class LoadParticipant implements MeetingListener, AutoCloseable {

    private final MeetingCall call;
    private final MeetingSession session;
    private final VideoReceiver receiver;
    private final VideoSender liveSender;
    private final ReplaySender replaySender;
    private final long throttleNanosPerFrame;
    private volatile boolean measuring;
    private volatile java.util.Map<Integer, dev.confab.meeting.video.StreamStats> baseline = java.util.Map.of();
    private volatile Roster roster;
    private final Integer show;
    private volatile AudioCall audio;

    /**
     * @param replay null to send the live camera at {@code format} and decode everything received (a full
     *               client); otherwise replay this loop and only count what arrives
     * @param show   null to receive every camera; else show (and receive) only the first this many others'
     */
    LoadParticipant(SessionOptions options, VideoFormat format, PreEncodedLoop replay, long throttleNanosPerFrame,
                    Integer show) {
        this.call = MeetingCall.open(options, this);
        this.show = show;
        if (show != null) { // a page of the first others, each tile the size they send
            call.showFirstOthers(show, format.width(), format.height());
        }
        this.session = call.session();
        this.throttleNanosPerFrame = throttleNanosPerFrame;
        call.filterIncoming(this::admit);
        MeetingVideo video;
        if (replay != null) {
            video = call.startVideoCountingOnly();
            this.replaySender = new ReplaySender(replay, call.out());
            call.addCameraSender(replaySender::onKeyframeRequested);
            this.liveSender = null;
        } else {
            video = call.startVideo(new FfmpegCaptureFactory(), FfmpegCaptureFactory.SYNTHETIC_CAMERA,
                    new VideoQualityPolicy(format));
            this.replaySender = null;
            this.liveSender = video.sender();
        }
        this.receiver = video.receiver();
    }

    /**
     * Network thread, before the call dispatches a frame: a throttled participant reads slowly, and in replay mode
     * video before {@link #startMeasuring} is not counted (warm-up).
     */
    private MediaFrame admit(MediaFrame frame) {
        if (throttleNanosPerFrame > 0) {
            LockSupport.parkNanos(throttleNanosPerFrame); // a slow reader: the server's queue for us fills up
        }
        boolean counted = frame.header().stream() == StreamKind.AUDIO || measuring || liveSender != null;
        return counted ? frame : null;
    }

    MeetingSession session() {
        return session;
    }

    private volatile int pausedCameras;

    VideoReceiver receiver() {
        return receiver;
    }

    /** What congestion control knows about this participant's links now. */
    dev.confab.meeting.call.CallRateControl.Figures rateFigures() {
        return call.rateFigures();
    }

    boolean live() {
        return liveSender != null;
    }

    boolean throttled() {
        return throttleNanosPerFrame > 0;
    }

    int participantCount() {
        Roster current = roster;
        return current != null ? current.participants().size() : 0;
    }

    /** The cameras this participant shows, so receives when all goes well: its page, or everyone else's. */
    int shownCameras() {
        int others = Math.max(0, participantCount() - 1);
        return show == null ? others : Math.min(show, others);
    }

    /** Starts sending the test tone and hearing everyone; the call makes live video follow the sound from then on. */
    void startAudio() throws MediaException {
        audio = call.startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(),
                FfmpegCaptureFactory.SYNTHETIC_MICROPHONE), new NullAudioOutput(), AudioCall.Processing.NONE, false);
    }

    /** The audio call, or null without {@link #startAudio}. */
    AudioCall audio() {
        return audio;
    }

    void startSending(ScheduledExecutorService timer, long initialDelayMicros) throws MediaException {
        // As the app and the bot do: the server counts only cameras that are on when it shares out a downlink.
        session.changeOwnState(state -> state.withCameraOn(true));
        if (replaySender != null) {
            replaySender.start(timer, initialDelayMicros);
        } else {
            liveSender.setCameraOn(true);
        }
    }

    /** Frames before this call are not counted (warm-up), in replay mode where nothing depends on them. */
    void startMeasuring() {
        baseline = receiver.cameraStats();
        measuring = true;
    }

    /** Frames received/decoded per sender before measuring started (non-empty only for a live receiver). */
    java.util.Map<Integer, dev.confab.meeting.video.StreamStats> baseline() {
        return baseline;
    }

    long framesSent() {
        return replaySender != null ? replaySender.framesSent() : liveSender.stats().framesSent();
    }

    boolean inMeeting() {
        return session.state() instanceof SessionState.InMeeting;
    }

    @Override
    public void onRosterChanged(Roster value) {
        roster = value;
    }

    @Override
    public void onCamerasPaused(java.util.Set<Integer> participantIds) {
        pausedCameras = participantIds.size();
    }

    /** How many of the cameras this participant shows the server pauses for its downlink now. */
    int pausedCameras() {
        return pausedCameras;
    }

    void stopSending() {
        if (replaySender != null) {
            replaySender.stop();
        } else {
            liveSender.close();
        }
    }

    @Override
    public void close() {
        stopSending();
        call.close();
        session.close();
    }
}
