package dev.confab.meeting;

import dev.confab.protocol.MediaFrameHeader;

import java.nio.ByteBuffer;

/** Where encoded frames go; {@code MeetingSession::sendMedia} in the app. Returns false when dropped. */
@FunctionalInterface
public interface MediaOut {
    boolean send(MediaFrameHeader header, ByteBuffer payload);
}
