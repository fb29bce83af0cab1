package dev.confab.meeting.call;

import dev.confab.protocol.MediaFrame;

/**
 * A step every received frame takes before it is dispatched to a decoder (see {@link IncomingMedia}): may
 * pass it on, replace it (e.g. decrypted) or drop it. Runs on the network reader thread: must return quickly.
 */
@FunctionalInterface
public interface IncomingStage {
    /** Passes every frame unchanged. */
    IncomingStage PASS = frame -> frame;
    /** Drops every frame: a participant that only sends (the demo's synthetic people). */
    IncomingStage DROP_ALL = frame -> null;

    /** @return the frame to dispatch, or null to drop it */
    MediaFrame process(MediaFrame frame);
}
