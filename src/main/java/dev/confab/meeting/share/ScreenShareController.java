package dev.confab.meeting.share;

import dev.confab.media.Capture;
import dev.confab.media.CaptureCancelledException;
import dev.confab.media.CaptureDevice;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.AnnotationSnapshot;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.MediaOut;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.ShareUpdate;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Screen sharing for one meeting session, without UI: asks the server to share, starts the capture and the
 * {@link ScreenShareSender} only once the server has accepted, decodes others' shares, and keeps one
 * {@link AnnotationModel} per active share. The UI calls {@link #start} from the user's click (never
 * automatically); the meeting engine ({@code MeetingCall}) forwards the session's events to the {@code on…} methods.
 *
 * <p>Threads: {@link Events} run on the session's event thread, pictures on the network thread; capture
 * is opened and closed on this controller's own thread so neither is blocked.
 */
public final class ScreenShareController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenShareController.class);

    /** What the UI shows. All methods have empty defaults. */
    public interface Events {
        /** A share began ({@code self}: this user's own); show the stage with {@code annotations}. */
        default void shareStarted(int sharerId, boolean self, AnnotationModel annotations, boolean viewersMayAnnotate) {
        }

        /** As {@link #shareStarted(int, boolean, AnnotationModel, boolean)}, saying whether it is a whiteboard. */
        default void shareStarted(int sharerId, boolean self, AnnotationModel annotations, boolean viewersMayAnnotate,
                                  boolean whiteboard) {
            shareStarted(sharerId, self, annotations, viewersMayAnnotate);
        }

        default void annotationPermissionChanged(int sharerId, boolean viewersMayAnnotate) {
        }

        /** A share ended; {@code stoppedByHost} when the host ended it. */
        default void shareEnded(int sharerId, boolean self, boolean stoppedByHost) {
        }

        /** This user's share request was refused (e.g. SHARE_IN_PROGRESS) or the screen could not be captured. */
        default void shareFailed(Refusal refusal, String detail) {
        }

        /**
         * The user said no in the system's own dialog (the Wayland screen cast portal): nothing was shared and this
         * user's share has been stopped. Not an error.
         */
        default void shareCancelled() {
        }

        /** This user's capture ended by itself (e.g. the desktop stopped a Wayland screen cast); the share is stopped. */
        default void shareCaptureEnded(String reason) {
        }

        /** The share runs, but the computer sound chosen with it could not be captured (e.g. no sound server). */
        default void computerSoundFailed(String detail) {
        }
    }

    /**
     * The computer's sound shared with the screen: mixed into what is sent while the share runs. The meeting
     * engine makes one ({@code MeetingCall.computerSound}); this controller starts it once the screen is
     * captured and stops it with the share.
     */
    public interface ComputerSound {
        void start() throws MediaException;

        void stop();
    }

    private final MeetingSession session;
    private final MediaOut out;
    private final ScreenCaptureFactory screens;
    private final VideoCodec codec;
    private final Events events;
    private final ShareReceiver receiver;
    private final Map<Integer, AnnotationModel> models = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("screen-share-control").factory());

    // Confined to the worker thread
    private Capture capture;
    private ScreenShareSender sender;
    private volatile ScreenShareSender activeSender;
    private volatile int bitrateLimitKbps;
    private volatile CaptureDevice requested;
    /** The user opened a whiteboard and the server has not answered yet. */
    private volatile boolean boardRequested;
    private volatile ComputerSound requestedSound;
    private ComputerSound sound; // worker thread
    private volatile VideoFrameListener localPreview;

    /** @param out where encoded screen frames go (the meeting engine's one exit, {@code MeetingCall.out()}) */
    public ScreenShareController(MeetingSession session, MediaOut out, ScreenCaptureFactory screens, VideoCodec codec,
                                 ShareReceiver.SharedPictureListener pictures, Events events) {
        this.session = Objects.requireNonNull(session);
        this.out = Objects.requireNonNull(out);
        this.screens = Objects.requireNonNull(screens);
        this.codec = Objects.requireNonNull(codec);
        this.events = Objects.requireNonNull(events);
        this.receiver = new ShareReceiver(pictures, session::requestKeyframe);
    }

    /** The user chose a screen and pressed Share. Capture starts once the server accepts. */
    public void start(CaptureDevice screen, boolean allowViewerAnnotation) {
        start(screen, allowViewerAnnotation, null);
    }

    /** As {@link #start(CaptureDevice, boolean)}, also sharing the computer's sound ({@code sound}; null: none). */
    public void start(CaptureDevice screen, boolean allowViewerAnnotation, ComputerSound sound) {
        requested = Objects.requireNonNull(screen);
        requestedSound = sound;
        session.startShare(allowViewerAnnotation);
    }

    /** The user chose Share → Whiteboard: a blank board as this user's share, nothing captured. */
    public void startWhiteboard(boolean allowViewerAnnotation) {
        requested = null;
        boardRequested = true;
        session.startWhiteboard(allowViewerAnnotation);
    }

    /** The user pressed Stop (banner or floating window). */
    public void stop() {
        requested = null;
        boardRequested = false;
        requestedSound = null;
        session.stopShare();
        worker.execute(this::stopCapture);
    }

    /** Draws on a share: applied locally at once and sent to everyone. */
    public void annotate(int sharerId, ShareAnnotation annotation) {
        AnnotationModel model = models.get(sharerId);
        if (model != null) {
            model.apply(session.roster().selfId(), annotation);
        }
        session.annotate(sharerId, annotation);
    }

    /** Also shows this user's own captured pictures (e.g. in a ShareStage, to annotate one's own share). */
    public void setLocalPreview(VideoFrameListener preview) {
        localPreview = preview;
    }

    public AnnotationModel annotations(int sharerId) {
        return models.get(sharerId);
    }

    public ScreenShareSender.Stats sendStats() {
        ScreenShareSender current = activeSender;
        return current == null ? null : current.stats();
    }

    public Map<Integer, ShareReceiver.Stats> receiveStats() {
        return receiver.stats();
    }

    // ---- session events, forwarded by the meeting engine (MeetingCall) ---------------------------------

    public void onShareUpdated(ShareUpdate update) {
        int sharer = update.participantId();
        boolean self = sharer == session.roster().selfId();
        if (update.sharing()) {
            boolean isNew = !models.containsKey(sharer);
            AnnotationModel model = models.computeIfAbsent(sharer, AnnotationModel::new);
            if (isNew) {
                events.shareStarted(sharer, self, model, update.allowViewerAnnotation(), update.whiteboard());
                CaptureDevice screen = requested;
                ComputerSound withSound = requestedSound;
                if (self && update.whiteboard() && boardRequested) {
                    boardRequested = false; // nothing to capture: the board is drawn from the model by every client
                } else if (self && screen != null && !update.whiteboard()) {
                    worker.execute(() -> startCapture(screen, withSound));
                } else if (self) {
                    // The server remembers a share this client did not start now (e.g. after a restart):
                    // sharing needs an explicit choice every time, so end it.
                    session.stopShare();
                }
            } else {
                events.annotationPermissionChanged(sharer, update.allowViewerAnnotation());
            }
        } else {
            ended(sharer, self, update.stoppedBy() != null);
        }
    }

    public void onAnnotation(AnnotationReceived message) {
        AnnotationModel model = models.get(message.sharerId());
        if (model != null) {
            model.apply(message.authorId(), message.annotation());
        }
    }

    /** The sharer handed this newcomer what is drawn on its share. */
    public void onAnnotationState(AnnotationSnapshot snapshot) {
        AnnotationModel model = models.get(snapshot.sharerId());
        if (model != null) {
            model.restore(snapshot);
        }
    }

    /** Someone joined: when this user shares, it hands them everything drawn so far (sealed for them alone). */
    public void onParticipantJoined(int participantId) {
        AnnotationModel own = models.get(session.roster().selfId());
        AnnotationSnapshot snapshot = own == null ? null : own.snapshot();
        if (snapshot != null && (snapshot.shapeCount() > 0 || snapshot.pages().size() > 1)) {
            session.sendAnnotationState(participantId, snapshot);
        }
    }

    /** Network thread. */
    public void onMedia(MediaFrame frame) {
        receiver.accept(frame);
    }

    public void onKeyframeRequested(StreamKind stream) {
        ScreenShareSender current = activeSender;
        if (stream == StreamKind.SCREEN && current != null) {
            current.requestKeyframe();
        }
    }

    public void onRateHint(ServerMessage.RateHint hint) {
        ScreenShareSender current = activeSender;
        if (hint.stream() == StreamKind.SCREEN && current != null && hint.suggestedMaxKbps() != null) {
            current.limitBitrate(hint.suggestedMaxKbps());
        }
    }

    /** The network carries at most {@code kbps} of the own share (0: no limit); kept for the next share too. */
    public void limitBitrate(int kbps) {
        bitrateLimitKbps = kbps;
        ScreenShareSender current = activeSender;
        if (current != null) {
            current.limitBitrate(kbps);
        }
    }

    public void onRequestFailed(Refusal refusal, String detail, String requestType) {
        if ("share_start".equals(requestType)) {
            requested = null;
            boardRequested = false;
            events.shareFailed(refusal, detail);
        }
    }

    public void onParticipantLeft(int participantId) {
        ended(participantId, false, false);
    }

    private void ended(int sharer, boolean self, boolean stoppedByHost) {
        if (models.remove(sharer) == null) {
            return;
        }
        receiver.forget(sharer);
        if (self) {
            requested = null;
            requestedSound = null;
            worker.execute(this::stopCapture);
        }
        events.shareEnded(sharer, self, stoppedByHost);
    }

    // ---- worker thread --------------------------------------------------------------------------------

    private void startCapture(CaptureDevice screen, ComputerSound withSound) {
        stopCapture();
        sender = new ScreenShareSender(out::send, codec);
        try {
            ScreenShareSender target = sender;
            capture = screens.openScreen(screen, ScreenCaptureFactory.MAX_SHARE_FORMAT, (w, h, stride, bgra, time) -> {
                target.onFrame(w, h, stride, bgra, time);
                VideoFrameListener preview = localPreview;
                if (preview != null) {
                    preview.onFrame(w, h, stride, bgra.position(0), time);
                }
            }, reason -> worker.execute(() -> captureEnded(target, reason)));
            sender.limitBitrate(bitrateLimitKbps);
            activeSender = sender;
        } catch (CaptureCancelledException e) {
            LOG.info("Sharing {} was cancelled in the system dialog", screen.displayName());
            stopCapture();
            session.stopShare();
            events.shareCancelled();
            return;
        } catch (MediaException e) {
            LOG.warn("Cannot capture {}: {}", screen.displayName(), e.getMessage());
            stopCapture();
            session.stopShare();
            events.shareFailed(Refusal.UNKNOWN, e.getMessage());
            return;
        }
        if (withSound != null) {
            startSound(withSound);
        }
    }

    /** Worker thread: the capture feeding {@code ofSender} ended by itself; stop sharing if it is still this one. */
    private void captureEnded(ScreenShareSender ofSender, String reason) {
        if (sender != ofSender) {
            return; // an earlier share's capture, already stopped
        }
        LOG.warn("Screen share ended: {}", reason);
        stop();
        events.shareCaptureEnded(reason);
    }

    /** The screen is shared either way; without sound the user is told why. */
    private void startSound(ComputerSound withSound) {
        try {
            withSound.start();
            sound = withSound;
        } catch (MediaException e) {
            LOG.warn("Sharing the screen without computer sound: {}", e.getMessage());
            events.computerSoundFailed(e.getMessage());
        }
    }

    private void stopCapture() {
        activeSender = null;
        if (sound != null) {
            sound.stop();
            sound = null;
        }
        if (capture != null) {
            capture.close();
            capture = null;
        }
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    /** Stops any capture and frees decoders. Does not leave the meeting. */
    @Override
    public void close() {
        worker.execute(this::stopCapture);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver.close();
    }
}
