package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

/**
 * Forwards media frames to the other members of the sender's meeting. A receiver gets a video stream from a
 * keyframe on (it could not decode the deltas before one), and the sender is asked for that keyframe. Each
 * receiver has a bounded queue (frames waiting for its socket); when it is full the frame is dropped for that
 * receiver only, that receiver then skips the stream until its next keyframe, and the sender is asked for a
 * keyframe and told about the congestion. A slow receiver therefore never slows the sender or anyone else.
 * Keyframe requests, the receivers' and the relay's own, reach the sender through its {@link KeyframeGate}.
 * A receiver gets a sender's CAMERA frames only while it shows that sender ({@link ReceiverView}).
 */
final class MediaRelay {

    /** A sender counts as active for a newcomer when it sent a frame of the stream this recently. */
    private static final long ACTIVE_SENDER_MILLIS = 3000;
    private static final StreamKind[] VIDEO = {StreamKind.CAMERA, StreamKind.SCREEN};

    private final Clock clock;

    MediaRelay(Clock clock) {
        this.clock = clock;
    }

    /**
     * A participant asks {@code target} for a keyframe: passed on unless one was passed on for that stream
     * within the last second (then merged; no error, as a merged request is served by the coming keyframe).
     * Audio requests are dropped: every audio frame decodes on its own; so are requests for PADDING.
     */
    void keyframeRequested(Member requester, Member target, StreamKind stream) {
        if (stream.isVideo()) {
            askForKeyframe(target, stream, requester.id);
        }
    }

    /**
     * {@code receiver} joined or resumed: it can decode nobody's video until a keyframe, so each active video
     * sender is asked for one now rather than at its next periodic keyframe.
     */
    void receiverArrived(Member receiver) {
        long activeSince = clock.millis() - ACTIVE_SENDER_MILLIS;
        for (Member sender : receiver.meeting.members()) {
            if (sender == receiver || sender.connection() == null) {
                continue;
            }
            for (StreamKind stream : VIDEO) {
                if (forwards(sender, receiver, stream) && sender.keyframeGate(stream).sentSince(activeSince)) {
                    askForKeyframe(sender, stream, 0);
                }
            }
        }
    }

    /**
     * {@code receiver} now shows {@code sender}'s camera ({@code view}), whose stream its queue has forgotten: it can
     * decode nothing of it before a keyframe, so an active sender is asked for one (through its gate, like any).
     */
    void startsShowing(Member receiver, Member sender) {
        long activeSince = clock.millis() - ACTIVE_SENDER_MILLIS;
        if (sender != receiver && sender.keyframeGate(StreamKind.CAMERA).sentSince(activeSince)) {
            askForKeyframe(sender, StreamKind.CAMERA, 0);
        }
    }

    /**
     * Whether {@code receiver} gets {@code sender}'s {@code stream}: cameras only if it shows them (its view) and its
     * downlink has room for them ({@link CameraAllocation}).
     */
    private static boolean forwards(Member sender, Member receiver, StreamKind stream) {
        return stream != StreamKind.CAMERA
                || receiver.view.shows(sender.id) && !receiver.pausedCameras.contains(sender.id);
    }

    private void askForKeyframe(Member sender, StreamKind stream, int requesterId) {
        ClientConnection connection = sender.connection();
        if (connection != null && sender.keyframeGate(stream).request(requesterId, clock.millis())) {
            connection.send(new ServerMessage.KeyframeRequested(stream, requesterId));
        }
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
        if (header.stream() == StreamKind.PADDING) {
            from.sendThrottledError(ErrorCode.INVALID_MESSAGE, "PADDING frames are sent by the server only", null);
            return;
        }
        if (header.stream() == StreamKind.SCREEN && !sender.sendsScreen()) {
            from.sendThrottledError(ErrorCode.NOT_SHARING, "Send share_start before screen frames", null);
            return;
        }
        if (!from.mediaRate.tryTake(frame.remaining())) {
            return; // over the sender's media budget: dropped at the source, nobody else is affected
        }
        if (header.stream() == StreamKind.AUDIO) {
            sender.uplinkQueue.sound(header.captureMicros(), epochMicros(clock));
            if (sender.soundHeard()) {
                synchronized (sender.meeting) { // this sound now takes its share of every receiver's downlink
                    SendTargets.update(sender.meeting);
                }
            }
        }
        byte[] bytes = stampSender(frame, sender.id);
        SenderStreamStats stats = sender.stream(header.stream());
        stats.countSent(bytes.length);
        // Every audio frame decodes on its own, whatever its flag says.
        boolean startsStream = header.keyframe() || header.stream() == StreamKind.AUDIO;
        if (header.stream() != StreamKind.AUDIO) {
            int mergedRequester = sender.keyframeGate(header.stream()).frameSent(header.keyframe(), clock.millis());
            if (mergedRequester >= 0) {
                from.send(new ServerMessage.KeyframeRequested(header.stream(), mergedRequester));
            }
        }
        var key = new MediaSendQueue.StreamId(sender.id, header.stream());
        long now = clock.millis();
        boolean simulcast = header.stream() == StreamKind.CAMERA && simulcast(sender, header.layer(), bytes.length, now);
        List<Member> members = sender.meeting.members();
        boolean dropped = false;
        boolean someoneWaits = false;
        int receivers = 0;
        for (Member receiver : members) {
            ClientConnection to = receiver.connection();
            if (receiver == sender || to == null || !forwards(sender, receiver, header.stream())) {
                continue;
            }
            receivers++;
            if (simulcast) {
                LayerSelection.Decision decision = to.layers.computeIfAbsent(sender.id, id -> new LayerSelection())
                        .decide(header.layer(), header.keyframe(), sender.cameraLayers,
                                SendTargets.layerBudgetKbps(receiver, sender), now);
                if (decision != LayerSelection.Decision.FORWARD) {
                    someoneWaits |= decision == LayerSelection.Decision.SKIP_WANT_KEYFRAME;
                    continue;
                }
            }
            switch (to.relay(key, ByteBuffer.wrap(bytes), startsStream, header.captureMicros())) {
                case QUEUED -> { }
                case DROPPED -> {
                    stats.countDropped(receiver.id);
                    dropped = true;
                    if (simulcast) {
                        to.layers.get(sender.id).dropped(now);
                    }
                }
                // A keyframe now would only be dropped again for a receiver still over its budget.
                case WAITS_FOR_KEYFRAME -> someoneWaits |= to.media.acceptsVideo();
            }
        }
        if ((dropped || someoneWaits) && header.stream() != StreamKind.AUDIO) {
            askForKeyframe(sender, header.stream(), 0);
        }
        if (dropped) {
            tellSender(from, header.stream(), stats, receivers);
        }
    }

    private static void tellSender(ClientConnection sender, StreamKind stream, SenderStreamStats stats, int receivers) {
        SenderStreamStats.RateHintData hint = stats.takeRateHintIfDue(receivers);
        if (hint != null) {
            sender.send(new ServerMessage.RateHint(stream, hint.droppedFrames(), hint.congestedReceivers(),
                    hint.suggestedMaxKbps()));
        }
    }

    /**
     * Notes a camera frame's layer; true when the sender sends more than one layer (then each receiver gets the
     * one its link carries, {@link LayerSelection}); a sender of layer 0 alone is relayed as it always was.
     */
    private static boolean simulcast(Member sender, int layer, int bytes, long nowMillis) {
        LayerRates rates = sender.cameraLayers;
        rates.frame(layer, bytes, nowMillis);
        return layer > 0 || rates.present(1, nowMillis) || rates.present(2, nowMillis);
    }

    static long epochMicros(Clock clock) {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A copy of the frame with the real sender id written into the header, so clients cannot impersonate. */
    static byte[] stampSender(ByteBuffer frame, int senderId) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        bytes[MediaFrameHeader.SENDER_OFFSET] = (byte) (senderId >>> 8);
        bytes[MediaFrameHeader.SENDER_OFFSET + 1] = (byte) senderId;
        return bytes;
    }
}
