package dev.confab.meeting.call;

import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.MediaOut;
import dev.confab.protocol.MediaFrameHeader;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The one exit of encoded media for a {@link MeetingCall}: every camera, microphone, screen and replayed frame of
 * this participant passes here on its encoder thread before {@link MeetingSession#sendMedia}, which seals every
 * payload end to end (SFrame with this sender's key) so that nothing can bypass it. Congestion control (pacing,
 * per-layer dropping) belongs here, so that no sender has to know about it.
 */
final class OutgoingMedia implements MediaOut {
    private final MeetingSession session;

    OutgoingMedia(MeetingSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Encoder threads; never blocks. False when the frame was dropped (not in the meeting, or a full queue). */
    @Override
    public boolean send(MediaFrameHeader header, ByteBuffer payload) {
        return session.sendMedia(header, payload);
    }
}
