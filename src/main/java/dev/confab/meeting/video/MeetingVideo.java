package dev.confab.meeting.video;

import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

import java.util.Objects;

/**
 * The video half of a meeting for one client: a {@link VideoSender} for the camera (optional) and a
 * {@link VideoReceiver} for everyone else, wired to a {@link MeetingSession}. The session's
 * {@code MeetingListener} forwards the five events below (compose it with the audio receiver).
 *
 * <pre>{@code
 * var video = new MeetingVideo(session, captures, camera, new VideoQualityPolicy());
 * // MeetingListener: onMedia → video.onMedia, onKeyframeRequested → video.onKeyframeRequested,
 * //   onRateHint → video.onRateHint, onRosterChanged → video.onRosterChanged, onParticipantLeft → video.onParticipantLeft
 * video.sender().setLocalPreview(selfView);           // VideoView of the own tile
 * video.sender().setCameraOn(true);                  // off the FX thread: opens the device
 * video.receiver().attach(id, StreamKind.CAMERA, tileView);
 * video.receiver().stats(id, StreamKind.CAMERA);     // overlay; video.receiver().quality(id) → bars
 * }</pre>
 */
public final class MeetingVideo implements AutoCloseable {

    /** Default {@code limits.maxBinaryFrameBytes} (docs/protocol.md section 1). */
    public static final int DEFAULT_MAX_BINARY_FRAME_BYTES = 1024 * 1024;

    private final VideoSender sender;
    private final VideoReceiver receiver;
    private volatile boolean screenIgnored;

    /** @param camera null for a receive-only client */
    public MeetingVideo(MeetingSession session, CaptureFactory captures, CaptureDevice camera, VideoQualityPolicy policy) {
        Objects.requireNonNull(session, "session");
        this.sender = camera == null ? null : new VideoSender(captures, camera, VideoCodec.PREFERRED, policy,
                DEFAULT_MAX_BINARY_FRAME_BYTES, session::sendMedia);
        this.receiver = new VideoReceiver(session::requestKeyframe);
    }

    /** The camera sender, or null for a receive-only client. */
    public VideoSender sender() {
        return sender;
    }

    public VideoReceiver receiver() {
        return receiver;
    }

    /**
     * Leaves SCREEN frames to another decoder: the desktop app decodes shares in the screen-share
     * controller's {@code ShareReceiver}, so decoding them here too would only cost CPU.
     */
    public void setScreenIgnored(boolean ignored) {
        screenIgnored = ignored;
    }

    public void onMedia(MediaFrame frame) {
        if (screenIgnored && frame.header().stream() == StreamKind.SCREEN) {
            return;
        }
        receiver.onMedia(frame);
    }

    public void onKeyframeRequested(StreamKind stream) {
        if (sender != null && stream == StreamKind.CAMERA) {
            sender.onKeyframeRequested();
        }
    }

    public void onRateHint(ServerMessage.RateHint hint) {
        if (sender != null && hint.stream() == StreamKind.CAMERA) {
            sender.onRateHint();
        }
    }

    public void onRosterChanged(Roster roster) {
        if (sender != null) {
            sender.participantCount(roster.participants().size());
        }
    }

    public void onParticipantLeft(int participantId) {
        receiver.remove(participantId);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
        receiver.close();
    }
}
