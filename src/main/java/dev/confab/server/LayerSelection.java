package dev.confab.server;

import dev.confab.protocol.MediaFrameHeader;

/**
 * Which simulcast layer of one sender's camera one receiver gets (docs/protocol.md section 9.1): the best layer
 * whose rate fits the receiver's share of its downlink and its tile of that camera
 * ({@link SendTargets#layerBudgetKbps}), stepping up only with a margin, and one layer lower for
 * {@link #DROP_PENALTY_MILLIS} after the receiver's queue had to drop this sender's video (a receiver that
 * reports no estimate). A switch happens at a keyframe of the new layer, so the
 * receiver's decoder never sees a delta it cannot decode; until then it keeps getting the old layer. A sender
 * without simulcast has only layer 0 and is passed on as before. State per receiver, guarded by this object.
 */
final class LayerSelection {

    /** What to do with one CAMERA frame for this receiver. */
    enum Decision {
        /** Pass it on. */
        FORWARD,
        /** Not this receiver's layer. */
        SKIP,
        /** Not this receiver's layer, and it waits to switch: ask the sender for a keyframe. */
        SKIP_WANT_KEYFRAME
    }

    /** Stepping up needs the better layer to fit in this share of the budget. */
    static final double UP_MARGIN = 0.7;
    static final long DROP_PENALTY_MILLIS = 10_000;
    /**
     * A layer running at more than this times the receiver's budget is not kept until the lower layer's keyframe:
     * on a link that just narrowed it would fill the queue that the receiver's sound waits in, so the picture
     * pauses instead (for about a second at most: the keyframe is asked for at once).
     */
    static final double OVERLOAD = 2.0;

    /**
     * Layer 0 until the first switch: it is what a receiver got while the sender had one layer (the selection
     * starts when a second appears), and for a newcomer the receiver's queue holds its deltas back until a keyframe.
     */
    private int current;
    private int floor;
    private long floorUntil;

    synchronized Decision decide(int layer, boolean keyframe, LayerRates rates, double budgetKbps, long nowMillis) {
        int wanted = wanted(rates, budgetKbps, nowMillis);
        if (layer == current) {
            if (wanted > current && rates.kbps(current) > OVERLOAD * budgetKbps) {
                return Decision.SKIP_WANT_KEYFRAME; // far over the link: sound first, the picture waits
            }
            // Kept until the wanted layer's keyframe arrives (then the switch): no gap in the picture.
            return Decision.FORWARD;
        }
        if (layer != wanted) {
            return Decision.SKIP;
        }
        if (keyframe) {
            current = layer;
            return Decision.FORWARD;
        }
        return Decision.SKIP_WANT_KEYFRAME;
    }

    /** This receiver's queue dropped the sender's video: one layer lower for a while. */
    synchronized void dropped(long nowMillis) {
        floor = Math.min(MediaFrameHeader.MAX_LAYERS - 1, Math.max(floor, current + 1));
        floorUntil = nowMillis + DROP_PENALTY_MILLIS;
    }

    /** The layer currently passed on. */
    synchronized int current() {
        return current;
    }

    private int wanted(LayerRates rates, double budgetKbps, long nowMillis) {
        int lowest = nowMillis < floorUntil ? floor : 0;
        int worstPresent = -1;
        for (int layer = 0; layer < MediaFrameHeader.MAX_LAYERS; layer++) {
            if (!rates.present(layer, nowMillis)) {
                continue;
            }
            worstPresent = layer;
            if (layer < lowest) {
                continue;
            }
            double allowed = layer < current ? UP_MARGIN * budgetKbps : budgetKbps;
            if (Double.isInfinite(budgetKbps) || rates.kbps(layer) <= allowed) {
                return layer;
            }
        }
        return Math.max(worstPresent, 0);
    }
}
