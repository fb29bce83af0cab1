package dev.confab.meeting.call;

import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.CompositeMeetingListener;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.ShownCamera;
import dev.confab.meeting.ShareUpdate;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.AudioOutput;
import dev.confab.meeting.share.ScreenShareController;
import dev.confab.meeting.share.ShareReceiver;
import dev.confab.meeting.MediaOut;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.StreamStats;
import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.meeting.video.VideoReceiver;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The media engine of one {@link MeetingSession}, the same for the desktop app, the bot, the demo and the load
 * test: it owns this participant's video ({@link MeetingVideo}), audio ({@link AudioCall}) and screen share
 * ({@link ShareMedia}), and is the one {@link MeetingListener} that routes the session's media events to them —
 * received frames by stream kind, keyframe requests and rate hints to the matching sender, roster size to the
 * video quality policy, departures to the decoders, share events to the share — and wires lip sync between audio
 * and video. Layers above only start pipelines, read their figures and listen ({@link CallListener}); none of them
 * sees a media frame.
 *
 * <p>Two places carry every frame, and that is where congestion control plugs in: {@link #out()}
 * ({@link OutgoingMedia}) is the one exit of this participant's encoded frames before {@link MeetingSession#sendMedia};
 * {@link IncomingMedia} is the one entry where received frames pass an {@link IncomingStage} and are dispatched to
 * the decoders. End-to-end encryption (SFrame, per-sender keys) sits below both, in the session itself, so that
 * no sender or listener can see or send a frame in the clear.
 *
 * <p>Create it before the session (it is one of the session's listeners), then {@link #connect} the session before
 * it creates or joins a meeting; {@link #open} does both for headless participants. Threads: {@link #onMedia} runs
 * on the network reader thread, the other listener methods on the session's event thread; pipelines may be
 * started and stopped from any thread (opening devices blocks: not on a UI thread). JavaFX-free.
 */
public final class MeetingCall implements MeetingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingCall.class);

    private final CallMedia media = new CallMedia();
    private final CallRateControl rates = new CallRateControl(media);
    private final IncomingMedia incoming = new IncomingMedia(media, rates);
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CameraSender> cameraSenders = new CopyOnWriteArrayList<>();
    private volatile MeetingSession session;
    private volatile OutgoingMedia out;
    /** Set by {@link #showFirstOthers}: the view follows the roster. */
    private volatile FirstOthers firstOthers;
    /** Whose cameras were last asked for; null: every camera (nothing asked yet). Guarded by this. */
    private Set<Integer> shownIds;

    private record FirstOthers(int count, int width, int height) {
    }

    /**
     * A new session listened to by a new call (first) and by {@code others}, in that order; the call is connected.
     * For headless participants, which own their session through the call.
     */
    public static MeetingCall open(SessionOptions options, MeetingListener... others) {
        MeetingCall call = new MeetingCall();
        MeetingListener[] all = new MeetingListener[others.length + 1];
        all[0] = call;
        System.arraycopy(others, 0, all, 1, others.length);
        call.connect(new MeetingSession(options, new CompositeMeetingListener(all)));
        return call;
    }

    /** The session this call listens to. Call once, before the session creates or joins a meeting. */
    public void connect(MeetingSession meetingSession) {
        if (session != null) {
            throw new IllegalStateException("already connected");
        }
        out = new OutgoingMedia(meetingSession);
        session = meetingSession;
        rates.start(meetingSession);
    }

    public MeetingSession session() {
        return session;
    }

    /** Where senders the call did not create (the bot's share, the load test's replay) send their encoded frames. */
    public MediaOut out() {
        OutgoingMedia current = out;
        if (current == null) {
            throw new IllegalStateException("not connected");
        }
        return current;
    }

    public void addListener(CallListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Every received frame passes {@code stage} before it reaches a decoder (see {@link IncomingStage}). */
    public void filterIncoming(IncomingStage stage) {
        incoming.stage(stage);
    }

    // ---- pipelines ---------------------------------------------------------------------------------------

    /**
     * Starts receiving everyone's video, decoded, and prepares {@code camera} (null: receive only) for
     * {@code sender().setCameraOn(true)}. Replaces the video started before, which the caller closes.
     */
    public MeetingVideo startVideo(CaptureFactory captures, CaptureDevice camera, VideoQualityPolicy policy) {
        MeetingVideo video = new MeetingVideo(out(), session::requestKeyframe, captures, camera, policy);
        media.video(video);
        Roster roster = session.roster();
        if (roster != null) {
            video.onRosterChanged(roster); // the meeting's size so far: later changes come as events
        }
        return video;
    }

    /** Receives everyone's video without decoding it, only counting (the load test's replay mode). */
    public MeetingVideo startVideoCountingOnly() {
        MeetingVideo video = new MeetingVideo(null, new VideoReceiver(session::requestKeyframe, false));
        media.video(video);
        return video;
    }

    /**
     * Starts sending from {@code source} and playing everyone on {@code output}; received camera pictures follow
     * this sound from now on (lip sync). Replaces the audio started before, which the caller closes.
     *
     * @throws MediaException when the source cannot be opened (the output is closed again, nothing changes)
     */
    public AudioCall startAudio(AudioCall.Source source, AudioOutput output, AudioCall.Processing processing,
                                boolean startMuted) throws MediaException {
        AudioCall audio = AudioCall.start(session, out(), source, output, processing, startMuted);
        media.audio(audio);
        return audio;
    }

    /** Screen sharing with the desktop's controller: this user's share on request, others' decoded into {@code pictures}. */
    public ScreenShareController startScreenShare(ScreenCaptureFactory screens, ShareReceiver.SharedPictureListener pictures,
                                                  ScreenShareController.Events events) {
        ScreenShareController controller = new ScreenShareController(session, out(), screens, VideoCodec.PREFERRED,
                pictures, events);
        media.share(new ControllerShare(controller));
        return controller;
    }

    /**
     * Computer sound for a screen share ({@link ScreenShareController#start(CaptureDevice, boolean,
     * ScreenShareController.ComputerSound)}): mixed into the audio running when the share starts, from
     * {@code source} (in the app {@code ComputerSoundCapture::open}).
     */
    public ScreenShareController.ComputerSound computerSound(AudioCall.ComputerSoundSource source) {
        return new ScreenShareController.ComputerSound() {
            private AudioCall mixedInto;

            @Override
            public void start() throws MediaException {
                AudioCall audio = media.audio();
                if (audio == null) {
                    throw new MediaException("Computer sound needs the meeting's audio, which is not running");
                }
                audio.startComputerSound(source);
                mixedInto = audio;
            }

            @Override
            public void stop() {
                if (mixedInto != null) {
                    mixedInto.stopComputerSound();
                    mixedInto = null;
                }
            }
        };
    }

    /** Another share side (the bot's), receiving SCREEN frames and share events from now on. */
    public void useShare(ShareMedia share) {
        media.share(Objects.requireNonNull(share, "share"));
    }

    /** A camera sender made outside the call; keyframe requests for the camera reach it too. */
    public void addCameraSender(CameraSender sender) {
        cameraSenders.add(Objects.requireNonNull(sender, "sender"));
    }

    /** The video, or null before {@link #startVideo} and after {@link #stopVideo}. */
    public MeetingVideo video() {
        return media.video();
    }

    /** The audio, or null before {@link #startAudio} and after {@link #stopAudio}. */
    public AudioCall audio() {
        return media.audio();
    }

    // ---- what this participant shows ------------------------------------------------------------------------

    /**
     * The remote cameras this participant's screen shows and their tile sizes: the server forwards only these cameras
     * (everyone's sound and shared screens still come) and keeps each sender under what its largest tile needs.
     * Until the first call every camera comes. Coalesced and re-sent after a resume by the session. Any thread.
     */
    public void showCameras(List<ShownCamera> cameras) {
        firstOthers = null;
        show(cameras);
    }

    /** Asks the session for these cameras; a camera hidden before is shown again from a keyframe, not as loss. */
    private synchronized void show(List<ShownCamera> cameras) {
        Set<Integer> ids = new HashSet<>();
        cameras.forEach(c -> ids.add(c.participantId()));
        MeetingVideo video = media.video();
        if (shownIds != null && video != null) {
            for (int id : ids) {
                if (!shownIds.contains(id)) {
                    video.receiver().cameraShownAgain(id);
                }
            }
        }
        shownIds = ids;
        rates.shown(cameras);
        session.showCameras(cameras);
    }

    /**
     * Shows the first {@code count} other participants in join order, each in a {@code width}×{@code height} tile,
     * following the roster as people join and leave (the bot's and the load test's page). Any thread.
     */
    public void showFirstOthers(int count, int width, int height) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        FirstOthers rule = new FirstOthers(count, width, height);
        firstOthers = rule;
        Roster roster = session.roster();
        if (roster.meetingId() != null) { // else on joining
            showFirst(rule, roster);
        }
    }

    private void showFirst(FirstOthers rule, Roster roster) {
        show(roster.participants().stream().filter(p -> p.id() != roster.selfId()).limit(rule.count())
                .map(p -> new ShownCamera(p.id(), rule.width(), rule.height())).toList());
    }

    /** Asks {@code participantId} for a keyframe of {@code stream} (a decoder lost its place). */
    public void requestKeyframe(int participantId, StreamKind stream) {
        session.requestKeyframe(participantId, stream);
    }

    // ---- figures and pictures for the layers above, without protocol types ----------------------------------

    /** Shows {@code participantId}'s decoded camera in {@code view} (no-op without video). */
    public void attachCamera(int participantId, VideoFrameListener view) {
        MeetingVideo video = media.video();
        if (video != null) {
            video.receiver().attach(participantId, StreamKind.CAMERA, view);
        }
    }

    /** Figures of {@code participantId}'s camera stream, or null when none arrived (or no video). */
    public StreamStats cameraStats(int participantId) {
        MeetingVideo video = media.video();
        return video == null ? null : video.receiver().stats(participantId, StreamKind.CAMERA);
    }

    /** What congestion control knows about this call's links now (overlays, statistics). */
    public CallRateControl.Figures rateFigures() {
        return rates.figures();
    }

    // ---- stopping ------------------------------------------------------------------------------------------

    /** Stops routing to the video and closes it (blocks briefly for the camera). */
    public void stopVideo() {
        MeetingVideo video = media.video();
        if (video != null) {
            media.video(null);
            video.close();
        }
    }

    /** Stops routing to the audio and closes it; its figures stay readable. */
    public void stopAudio() {
        AudioCall audio = media.audio();
        if (audio != null) {
            media.audio(null);
            audio.close();
        }
    }

    /** Stops routing to the share and closes it (blocks briefly for a capture). */
    public void stopShare() {
        ShareMedia share = media.share();
        if (share != null) {
            media.share(null);
            share.close();
        }
    }

    /** Closes every pipeline; does not leave or close the session. */
    @Override
    public void close() {
        rates.close();
        for (AutoCloseable pipeline : media.takeAll()) {
            if (pipeline == null) {
                continue;
            }
            try {
                pipeline.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", pipeline.getClass().getSimpleName(), e);
            }
        }
    }

    // ---- MeetingListener: the session's media events, routed once ------------------------------------------

    @Override
    public void onMedia(MediaFrame frame) {
        incoming.onMedia(frame);
    }

    @Override
    public void onKeyframeRequested(StreamKind stream, int requestedBy) {
        MeetingVideo video = media.video();
        if (video != null) {
            video.onKeyframeRequested(stream);
        }
        if (stream == StreamKind.CAMERA) {
            cameraSenders.forEach(CameraSender::onKeyframeRequested);
        }
        ShareMedia share = media.share();
        if (share != null && stream == StreamKind.SCREEN) {
            share.onKeyframeRequested();
        }
        listeners.forEach(l -> l.keyframeRequested(stream, requestedBy));
    }

    @Override
    public void onRateHint(ServerMessage.RateHint hint) {
        MeetingVideo video = media.video();
        if (video != null) {
            video.onRateHint(hint);
        }
        ShareMedia share = media.share();
        if (share != null && hint.stream() == StreamKind.SCREEN) {
            share.onRateHint(hint);
        }
    }

    @Override
    public void onSendTarget(ServerMessage.SendTarget target) {
        rates.sendTarget(target.stream(), target.maxKbps());
    }

    @Override
    public void onCamerasPaused(java.util.Set<Integer> participantIds) {
        rates.camerasPaused(!participantIds.isEmpty());
    }

    @Override
    public void onRosterChanged(Roster roster) {
        FirstOthers rule = firstOthers;
        if (rule != null && roster.meetingId() != null) {
            showFirst(rule, roster);
        }
        MeetingVideo video = media.video();
        if (video != null) {
            video.onRosterChanged(roster);
        }
    }

    @Override
    public void onParticipantLeft(Roster.Departed departed) {
        int id = departed.participant().id();
        rates.forget(id);
        MeetingVideo video = media.video();
        if (video != null) {
            video.onParticipantLeft(id);
        }
        AudioCall audio = media.audio();
        if (audio != null) {
            audio.receiver().removeParticipant(id);
        }
        ShareMedia share = media.share();
        if (share != null) {
            share.onParticipantLeft(id);
        }
    }

    @Override
    public void onShareUpdated(ShareUpdate update) {
        ShareMedia share = media.share();
        if (share != null) {
            share.onShareUpdated(update);
        }
    }

    @Override
    public void onAnnotation(AnnotationReceived annotation) {
        ShareMedia share = media.share();
        if (share != null) {
            share.onAnnotation(annotation);
        }
    }

    @Override
    public void onAnnotationState(dev.confab.meeting.AnnotationSnapshot snapshot) {
        ShareMedia share = media.share();
        if (share != null) {
            share.onAnnotationState(snapshot);
        }
    }

    @Override
    public void onParticipantJoined(dev.confab.meeting.Attendee participant) {
        ShareMedia share = media.share();
        if (share != null) {
            share.onParticipantJoined(participant.id());
        }
    }

    /** Drawings sent while it was away never reached it: a sharer hands it the state as to a newcomer. */
    @Override
    public void onParticipantReconnected(dev.confab.meeting.Attendee participant) {
        onParticipantJoined(participant);
    }

    @Override
    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        ShareMedia share = media.share();
        if (share != null) {
            share.onRequestFailed(refusal, detail, requestType);
        }
    }
}
