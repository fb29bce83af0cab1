package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

import java.nio.ByteBuffer;

/**
 * Forwards media frames to the other members of the sender's meeting. Each receiver has a bounded queue
 * (frames waiting for its socket); when it is full the frame is dropped for that receiver only, that
 * receiver then skips the stream until its next keyframe, and the sender is asked for a keyframe and told
 * about the congestion. A slow receiver therefore never slows the sender or anyone else.
 */
final class MediaRelay {

    private final ServerConfig config;

    MediaRelay(ServerConfig config) {
        this.config = config;
    }

    void relay(ClientConnection from, ByteBuffer frame) {
        Member sender = from.member();
        if (sender == null) {
            from.sendThrottledError(ErrorCode.NOT_IN_MEETING, "Join a meeting before sending media", null);
            return;
        }
        MediaFrameHeader header;
        try {
            header = MediaFrameHeader.decode(frame);
        } catch (IllegalArgumentException e) {
            from.sendThrottledError(ErrorCode.INVALID_MESSAGE, e.getMessage(), null);
            return;
        }
        if (header.stream() == StreamKind.SCREEN && !sender.sharing) {
            from.sendThrottledError(ErrorCode.NOT_SHARING, "Send share_start before screen frames", null);
            return;
        }
        if (!from.mediaRate.tryTake(frame.remaining())) {
            return; // over the sender's media budget: dropped at the source, nobody else is affected
        }
        byte[] bytes = stampSender(frame, sender.id);
        SenderStreamStats stats = sender.stream(header.stream());
        stats.countSent(bytes.length);
        var key = new ClientConnection.StreamKey(sender.id, header.stream());
        boolean dropped = false;
        for (Member receiver : sender.meeting.members()) {
            ClientConnection to = receiver.connection();
            if (receiver == sender || to == null) {
                continue;
            }
            if (!admit(to, key, header.keyframe())) {
                stats.countDropped(receiver.id);
                dropped = true;
                continue;
            }
            to.sendBinary(ByteBuffer.wrap(bytes));
        }
        if (dropped) {
            tellSender(from, header.stream(), stats);
        }
    }

    /** Whether the frame may go into the receiver's queue now. */
    private boolean admit(ClientConnection receiver, ClientConnection.StreamKey key, boolean keyframe) {
        if (receiver.awaitingKeyframe.contains(key)) {
            if (!keyframe) {
                return false;
            }
            receiver.awaitingKeyframe.remove(key);
        }
        if (receiver.pendingFrames() >= config.relayQueueFrames()) {
            receiver.awaitingKeyframe.add(key);
            return false;
        }
        return true;
    }

    private static void tellSender(ClientConnection sender, StreamKind stream, SenderStreamStats stats) {
        if (stream != StreamKind.AUDIO && stats.keyframeRequestDue()) {
            sender.send(new ServerMessage.KeyframeRequested(stream, 0));
        }
        SenderStreamStats.RateHintData hint = stats.takeRateHintIfDue();
        if (hint != null) {
            sender.send(new ServerMessage.RateHint(stream, hint.droppedFrames(), hint.congestedReceivers(),
                    hint.suggestedMaxKbps()));
        }
    }

    /** A copy of the frame with the real sender id written into the header, so clients cannot impersonate. */
    private static byte[] stampSender(ByteBuffer frame, int senderId) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        bytes[MediaFrameHeader.SENDER_OFFSET] = (byte) (senderId >>> 8);
        bytes[MediaFrameHeader.SENDER_OFFSET + 1] = (byte) senderId;
        return bytes;
    }
}
