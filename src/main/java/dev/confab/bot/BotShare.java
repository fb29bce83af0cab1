package dev.confab.bot;

import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.ShareSourceKind;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.AnnotationReceived;
import dev.confab.meeting.AnnotationSnapshot;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.ShareUpdate;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.meeting.call.ShareMedia;
import dev.confab.meeting.share.ScreenShareSender;
import dev.confab.meeting.share.ShareReceiver;
import dev.confab.protocol.MediaFrame;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's screen sharing: sends the synthetic test screen or one window when asked ({@code --share testsrc},
 * {@code --share window:TITLE}), or opens a whiteboard and draws a test stroke on it ({@code --share whiteboard},
 * handed to later joiners like the app does), and always decodes the shares of others and counts the annotations
 * that arrive, for the stats. The share side of the bot's
 * {@link MeetingCall}, which routes SCREEN frames and keyframe requests to it and closes it.
 */
final class BotShare implements ShareMedia {
    /** The bot's synthetic share: HD, 5 frames per second. */
    static final VideoFormat SHARE_FORMAT = new VideoFormat(1280, 720, 5);

    /** The test stroke the bot draws on its whiteboard: a green diagonal. */
    static final ShareAnnotation TEST_STROKE = ShareAnnotation.stroke("bot-1", ShareAnnotation.Tool.PEN, "#2E7D32", 0.004,
            List.of(0.2, 0.2, 0.5, 0.5, 0.8, 0.8));

    /**
     * Share statistics in the bot's JSON. {@code sharesSeen}: sharer id to frames decoded and size;
     * {@code sourceKind}: what the bot's own share shows ({@link ShareSourceKind#jsonName()}: screen, region, window or
     * whiteboard), null when not sharing; {@code computerSound}: the computer's sound was shared with it
     * ({@code --share-sound}). {@code annotationsSent}: the bot's own drawings; {@code annotationsReceived}:
     * others' operations opened; {@code stateShapesReceived}: shapes in annotation states handed to the bot as a newcomer.
     */
    record Report(long framesReceived, long framesDecoded, Map<Integer, ShareReceiver.Stats> sharesSeen,
                  long framesSent, String sentResolution, String sourceKind, boolean computerSound, long annotationsSent,
                  long annotationsReceived, long stateShapesReceived) {
    }

    private static final String WINDOW_PREFIX = "window:";

    /**
     * What {@code --share} names: {@code testsrc}, {@code window:TITLE} (the window titled TITLE, else the first
     * whose title contains it) among {@code screens}' windows, or {@code portal:monitor} / {@code portal:window}
     * (Wayland: chosen in the desktop's screen cast dialog). ({@code whiteboard} needs no capture source.)
     *
     * @throws IllegalArgumentException with a message for the user when there is no such source
     */
    static CaptureDevice source(String option, ScreenCaptureFactory screens) {
        if (option.equals("testsrc")) {
            return ScreenCaptureFactory.SYNTHETIC_SCREEN;
        }
        if (option.equals(ScreenCaptureFactory.PORTAL_SCREEN.id())) {
            return ScreenCaptureFactory.PORTAL_SCREEN;
        }
        if (option.equals(ScreenCaptureFactory.PORTAL_WINDOW.id())) {
            return ScreenCaptureFactory.PORTAL_WINDOW;
        }
        if (!option.startsWith(WINDOW_PREFIX) || option.length() == WINDOW_PREFIX.length()) {
            throw new IllegalArgumentException("--share takes 'testsrc', 'whiteboard', 'window:TITLE', 'portal:monitor' or 'portal:window'");
        }
        String title = option.substring(WINDOW_PREFIX.length());
        return screens.windowTitled(title).orElseThrow(() -> new IllegalArgumentException("--share: no window titled '"
                + title + "'; windows: " + screens.windows().stream().map(CaptureDevice::displayName).toList()));
    }

    private final AtomicLong received = new AtomicLong();
    private volatile MeetingCall call;
    private volatile dev.confab.media.VideoFrameListener recording;
    private final ShareReceiver receiver = new ShareReceiver((id, w, h, stride, bgra, time) -> {
        dev.confab.media.VideoFrameListener target = recording;
        if (target != null) {
            target.onFrame(w, h, stride, bgra, time);
        }
    }, (sharer, stream) -> {
        MeetingCall current = call;
        if (current != null) {
            current.requestKeyframe(sharer, stream);
        }
    });
    private volatile ScreenShareSender sender;
    private volatile int bitrateLimitKbps;
    private Capture capture;
    private volatile ShareSourceKind sourceKind;
    /** The bot's own whiteboard, once the server has opened it. */
    private volatile AnnotationModel board;
    private volatile Runnable onBoardDrawn = () -> { };
    private final AtomicLong annotationsSent = new AtomicLong();
    private final AtomicLong annotationsReceived = new AtomicLong();
    private final AtomicLong stateShapesReceived = new AtomicLong();
    private volatile boolean computerSound;

    /** {@code --record}: received share pictures also go to {@code listener} (null: stop). */
    void recordInto(dev.confab.media.VideoFrameListener listener) {
        recording = listener;
    }

    /** Becomes the share side of {@code meetingCall}. */
    void attach(MeetingCall meetingCall) {
        call = meetingCall;
        meetingCall.useShare(this);
    }

    @Override
    public void onScreenFrame(MediaFrame frame) {
        received.incrementAndGet();
        receiver.accept(frame);
    }

    @Override
    public void onKeyframeRequested() {
        ScreenShareSender current = sender;
        if (current != null) {
            current.requestKeyframe();
        }
    }

    @Override
    public void limitBitrate(int kbps) {
        bitrateLimitKbps = kbps;
        ScreenShareSender current = sender;
        if (current != null) {
            current.limitBitrate(kbps);
        }
    }

    /**
     * Opens a whiteboard; the test stroke follows once the server has announced it ({@link #onShareUpdated}), and
     * {@code drawn} is told then.
     */
    void startWhiteboard(Runnable drawn) {
        onBoardDrawn = drawn;
        sourceKind = ShareSourceKind.WHITEBOARD;
        call.session().startWhiteboard(false);
    }

    @Override
    public void onShareUpdated(ShareUpdate update) {
        MeetingSession session = call.session();
        int self = session.roster().selfId();
        if (update.participantId() == self && update.sharing() && update.whiteboard() && board == null) {
            AnnotationModel own = new AnnotationModel(self);
            own.apply(self, TEST_STROKE);
            board = own;
            session.annotate(self, TEST_STROKE);
            annotationsSent.incrementAndGet();
            onBoardDrawn.run();
        }
    }

    @Override
    public void onAnnotation(AnnotationReceived annotation) {
        annotationsReceived.incrementAndGet();
    }

    @Override
    public void onAnnotationState(AnnotationSnapshot snapshot) {
        stateShapesReceived.addAndGet(snapshot.shapeCount());
    }

    @Override
    public void onParticipantJoined(int participantId) {
        AnnotationModel own = board;
        if (own != null) {
            call.session().sendAnnotationState(participantId, own.snapshot());
        }
    }

    /** Starts sharing {@code source} (from {@link #source}) of {@code screens}: announces it, then streams. */
    synchronized void start(CaptureDevice source, ScreenCaptureFactory screens) throws MediaException {
        call.session().startShare(false);
        sender = new ScreenShareSender(call.out()::send, VideoCodec.PREFERRED);
        sender.limitBitrate(bitrateLimitKbps);
        sourceKind = ShareSourceKind.of(source);
        try {
            capture = screens.openScreen(source, SHARE_FORMAT, sender);
        } catch (MediaException e) { // e.g. the portal's dialog cancelled: nobody should wait for a picture
            call.session().stopShare();
            sender.close();
            sender = null;
            sourceKind = null;
            throw e;
        }
    }

    /**
     * {@code --share-sound}: mixes the computer's sound into the bot's running audio ({@code server}: a pulse
     * server, empty for the default). Returns the reason when it cannot.
     */
    synchronized Optional<String> startComputerSound(MeetingCall meetingCall, String server) {
        try {
            meetingCall.computerSound(ComputerSoundCapture.Source.of(server)::open).start();
            computerSound = true;
            return Optional.empty();
        } catch (MediaException e) {
            return Optional.of("--share-sound: " + e.getMessage());
        }
    }

    synchronized Report report() {
        ScreenShareSender.Stats sent = sender != null ? sender.stats() : null;
        return new Report(received.get(), receiver.stats().values().stream().mapToLong(ShareReceiver.Stats::framesDecoded).sum(),
                receiver.stats(), sent != null ? sent.framesSent() : 0,
                sent != null ? sent.width() + "x" + sent.height() : null, sourceKind == null ? null : sourceKind.jsonName(),
                computerSound, annotationsSent.get(), annotationsReceived.get(), stateShapesReceived.get());
    }

    @Override
    public synchronized void close() {
        if (capture != null) {
            capture.close();
        }
        if (sender != null) {
            sender.close();
        }
        receiver.close();
    }
}
