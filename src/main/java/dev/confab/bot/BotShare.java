package dev.confab.bot;

import dev.confab.media.Capture;
import dev.confab.media.MediaException;
import dev.confab.media.ScreenCaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.share.ScreenShareSender;
import dev.confab.meeting.share.ShareReceiver;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's screen sharing: sends the synthetic test screen when asked ({@code --share testsrc}) and always
 * decodes the shares of others, counting what arrives for the stats.
 */
final class BotShare implements AutoCloseable {
    /** The bot's synthetic share: HD, 5 frames per second. */
    static final VideoFormat SHARE_FORMAT = new VideoFormat(1280, 720, 5);

    /** Share statistics in the bot's JSON. {@code sharesSeen}: sharer id to frames decoded and size. */
    record Report(long framesReceived, long framesDecoded, Map<Integer, ShareReceiver.Stats> sharesSeen,
                  long framesSent, String sentResolution) {
    }

    private final AtomicLong received = new AtomicLong();
    private volatile MeetingSession session;
    private volatile dev.confab.media.VideoFrameListener recording;
    private final ShareReceiver receiver = new ShareReceiver((id, w, h, stride, bgra, time) -> {
        dev.confab.media.VideoFrameListener target = recording;
        if (target != null) {
            target.onFrame(w, h, stride, bgra, time);
        }
    }, (sharer, stream) -> {
        MeetingSession current = session;
        if (current != null) {
            current.requestKeyframe(sharer, stream);
        }
    });
    private ScreenShareSender sender;
    private Capture capture;

    /** {@code --record}: received share pictures also go to {@code listener} (null: stop). */
    void recordInto(dev.confab.media.VideoFrameListener listener) {
        recording = listener;
    }

    void attach(MeetingSession meetingSession) {
        session = meetingSession;
    }

    void onMedia(MediaFrame frame) {
        if (frame.header().stream() == StreamKind.SCREEN) {
            received.incrementAndGet();
            receiver.accept(frame);
        }
    }

    void onKeyframeRequested(StreamKind stream) {
        ScreenShareSender current = sender;
        if (stream == StreamKind.SCREEN && current != null) {
            current.requestKeyframe();
        }
    }

    /** Starts the synthetic share (announces it, then streams). */
    synchronized void startSynthetic() throws MediaException {
        session.startShare(false);
        sender = new ScreenShareSender(session::sendMedia, VideoCodec.PREFERRED);
        capture = ScreenCaptureFactory.syntheticOnly().openScreen(ScreenCaptureFactory.SYNTHETIC_SCREEN, SHARE_FORMAT, sender);
    }

    synchronized Report report() {
        ScreenShareSender.Stats sent = sender != null ? sender.stats() : null;
        return new Report(received.get(), receiver.stats().values().stream().mapToLong(ShareReceiver.Stats::framesDecoded).sum(),
                receiver.stats(), sent != null ? sent.framesSent() : 0,
                sent != null ? sent.width() + "x" + sent.height() : null);
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
