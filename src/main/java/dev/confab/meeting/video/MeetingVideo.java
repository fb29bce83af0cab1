package dev.confab.meeting.video;

import dev.confab.meeting.MediaOut;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.VideoCodec;
import dev.confab.meeting.Roster;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

import java.util.Objects;

/**
 * The video half of a meeting for one client: a {@link VideoSender} for the camera (optional) and a
 * {@link VideoReceiver} for everyone else. The meeting engine ({@code dev.confab.meeting.call.MeetingCall}) creates
 * it, sends its frames and forwards the five events below; nothing else routes media to it.
 *
 * <pre>{@code
 * MeetingVideo video = call.startVideo(captures, camera, new VideoQualityPolicy());
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

    /**
     * @param out       where encoded camera frames go (the meeting engine's one exit, {@code MeetingCall.out()})
     * @param keyframes asks a sender for a keyframe ({@code MeetingSession::requestKeyframe})
     * @param camera    null for a receive-only client
     */
    public MeetingVideo(MediaOut out, VideoReceiver.KeyframeRequester keyframes, CaptureFactory captures,
                        CaptureDevice camera, VideoQualityPolicy policy) {
        this(camera == null ? null : new VideoSender(captures, camera, VideoCodec.PREFERRED, policy,
                DEFAULT_MAX_BINARY_FRAME_BYTES, Objects.requireNonNull(out, "out")), new VideoReceiver(keyframes));
    }

    /** From parts, e.g. a receiver that only counts (the load test's replay mode); {@code sender} may be null. */
    public MeetingVideo(VideoSender sender, VideoReceiver receiver) {
        this.sender = sender;
        this.receiver = Objects.requireNonNull(receiver, "receiver");
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
