package dev.confab.server;

import dev.confab.protocol.MediaFrameHeader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which shown cameras a receiver's downlink cannot carry even at their smallest layer (docs/protocol.md section
 * 9.1, "cameras paused"). Sound and shared screens come first ({@link SendTargets#budgetKbps}); what is left for
 * cameras goes to them in the receiver's order of priority ({@link ReceiverView#priority}: the largest tile, then
 * its page order), each costing its sender's smallest layer, until the next one does not fit; those after it are
 * paused for this receiver (the server stops forwarding them, the receiver is told and shows why) rather than
 * every camera arriving late with the sound queued behind them. The first camera is never paused: with one camera
 * left the sender itself steps down. A paused camera comes back only when it fits with a margin
 * ({@link LayerSelection#UP_MARGIN}), so a receiver near the edge does not flap. Callers hold the meeting's lock.
 */
final class CameraAllocation {

    private CameraAllocation() {
    }

    /** The ids of the cameras {@code receiver} shows but cannot take now; empty without an estimate. */
    static Set<Integer> paused(Member receiver, List<Member> members, long nowMillis) {
        if (receiver.downlinkKbps == null) {
            return Set.of();
        }
        List<Member> shown = new ArrayList<>();
        for (Member sender : members) {
            if (sender != receiver && sender.cameraOn && sender.connection() != null
                    && receiver.view.shows(sender.id)) {
                shown.add(sender);
            }
        }
        if (shown.size() < 2) {
            return Set.of();
        }
        shown.sort(Comparator.comparing((Member m) -> m.id, receiver.view::priority));
        double budget = SendTargets.cameraBudgetKbps(receiver, members);
        double used = 0;
        Set<Integer> paused = new HashSet<>();
        for (Member sender : shown) {
            double cost = smallestLayerKbps(sender, nowMillis);
            boolean wasPaused = receiver.pausedCameras.contains(sender.id);
            double room = wasPaused ? LayerSelection.UP_MARGIN * (budget - used) : budget - used;
            if (used == 0 || (paused.isEmpty() && cost <= room)) {
                used += cost;
            } else {
                paused.add(sender.id); // and every camera after it: priority order, no gaps
            }
        }
        return Set.copyOf(paused);
    }

    /** What the sender's smallest camera layer carries, kbit/s (the lowest rung's rate before one was measured). */
    private static double smallestLayerKbps(Member sender, long nowMillis) {
        for (int layer = MediaFrameHeader.MAX_LAYERS - 1; layer >= 0; layer--) {
            if (sender.cameraLayers.present(layer, nowMillis) && sender.cameraLayers.kbps(layer) > 0) {
                return sender.cameraLayers.kbps(layer);
            }
        }
        return SendTargets.UNSHOWN_KBPS;
    }
}
