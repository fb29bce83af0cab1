package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * A receiver's {@code view} (docs/protocol.md sections 6.2 and 9.1): whose cameras it shows from now on. A camera it
 * stops showing is forgotten by its send queue, and so is one it starts showing, so that stream starts over at a
 * keyframe for it (the queue withholds deltas until one); an active sender it starts showing is asked for that
 * keyframe. Then every sender's {@code send_target} is recomputed: it depends on who shows whom how big.
 */
final class ViewControls {

    private final MediaRelay relay;
    private final int maxShown;

    /** @param maxShown the longest {@code show} list accepted: the meeting's participant limit */
    ViewControls(MediaRelay relay, int maxShown) {
        this.relay = relay;
        this.maxShown = maxShown;
    }

    void view(ClientConnection connection, ClientMessage.View request) {
        Member receiver = connection.memberOrError("view");
        if (receiver == null) {
            return;
        }
        if (request.show().size() > maxShown) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "field \"show\" lists " + request.show().size()
                    + " cameras; at most " + maxShown + " (the meeting's participant limit)", "view");
            return;
        }
        ReceiverView next = ReceiverView.of(request);
        List<Member> startsShowing = new ArrayList<>();
        synchronized (receiver.meeting) {
            ReceiverView before = receiver.view;
            List<Member> stopsShowing = new ArrayList<>();
            for (Member sender : receiver.meeting.members()) {
                if (sender == receiver) {
                    continue;
                }
                boolean was = before.shows(sender.id);
                boolean now = next.shows(sender.id);
                if (now && !was) {
                    // Forgotten before the relay may forward it: a frame offered from now on is judged afresh.
                    forget(connection, sender);
                    startsShowing.add(sender);
                } else if (was && !now) {
                    stopsShowing.add(sender);
                }
            }
            receiver.view = next;
            // Forgotten after the relay stopped forwarding: a frame it was offering meanwhile cannot leave the
            // stream marked as started (its next frame, when shown again, would be an undecodable delta).
            stopsShowing.forEach(sender -> forget(connection, sender));
            SendTargets.update(receiver.meeting);
        }
        startsShowing.forEach(sender -> relay.startsShowing(receiver, sender));
    }

    private static void forget(ClientConnection receiver, Member sender) {
        receiver.media.forget(new MediaSendQueue.StreamId(sender.id, StreamKind.CAMERA));
    }
}
