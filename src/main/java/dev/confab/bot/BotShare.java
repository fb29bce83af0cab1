package dev.confab.bot;

import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.ComputerSoundCapture;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.ShareSourceKind;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.call.ShareMedia;
import dev.confab.meeting.share.ScreenShareSender;
import dev.confab.meeting.share.ShareReceiver;
import dev.confab.protocol.MediaFrame;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's screen sharing: sends the synthetic test screen or one window when asked ({@code --share testsrc},
 * {@code --share window:TITLE}) and always
 * decodes the shares of others, counting what arrives for the stats. The share side of the bot's
 * {@link MeetingCall}, which routes SCREEN frames and keyframe requests to it and closes it.
 */
final class BotShare implements ShareMedia {
    /** The bot's synthetic share: HD, 5 frames per second. */
    static final VideoFormat SHARE_FORMAT = new VideoFormat(1280, 720, 5);

    /**
     * Share statistics in the bot's JSON. {@code sharesSeen}: sharer id to frames decoded and size;
     * {@code sourceKind}: what the bot's own share shows ({@link ShareSourceKind#jsonName()}), null when not sharing;
     * {@code computerSound}: the computer's sound was shared with it ({@code --share-sound}).
     */
    record Report(long framesReceived, long framesDecoded, Map<Integer, ShareReceiver.Stats> sharesSeen,
                  long framesSent, String sentResolution, String sourceKind, boolean computerSound) {
    }

    private static final String WINDOW_PREFIX = "window:";

    /**
     * What {@code --share} names: {@code testsrc}, or {@code window:TITLE} (the window titled TITLE, else the first
     * whose title contains it) among {@code screens}' windows.
     *
     * @throws IllegalArgumentException with a message for the user when there is no such source
     */
    static CaptureDevice source(String option, ScreenCaptureFactory screens) {
        if (option.equals("testsrc")) {
            return ScreenCaptureFactory.SYNTHETIC_SCREEN;
        }
        if (!option.startsWith(WINDOW_PREFIX) || option.length() == WINDOW_PREFIX.length()) {
            throw new IllegalArgumentException("--share takes 'testsrc' or 'window:TITLE'");
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
    private ShareSourceKind sourceKind;
    private boolean computerSound;

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

    /** Starts sharing {@code source} (from {@link #source}) of {@code screens}: announces it, then streams. */
    synchronized void start(CaptureDevice source, ScreenCaptureFactory screens) throws MediaException {
        call.session().startShare(false);
        sender = new ScreenShareSender(call.out()::send, VideoCodec.PREFERRED);
        sender.limitBitrate(bitrateLimitKbps);
        sourceKind = ShareSourceKind.of(source);
        capture = screens.openScreen(source, SHARE_FORMAT, sender);
    }

    /**
     * {@code --share-sound}: mixes the computer's sound into the bot's running audio ({@code server}: a pulse
     * server, empty for the default). Returns the reason when it cannot.
     */
    synchronized Optional<String> startComputerSound(MeetingCall meetingCall, String server) {
        try {
            meetingCall.computerSound(server.isEmpty() ? ComputerSoundCapture::open
                    : listener -> ComputerSoundCapture.openPulse(server, listener)).start();
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
                computerSound);
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
