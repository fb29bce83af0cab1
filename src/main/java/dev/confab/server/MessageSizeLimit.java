package dev.confab.server;

import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;

/**
 * Counts the bytes of the message a client is sending, frame by frame, and refuses it as soon as it grows
 * past its limit (docs/protocol.md §1: limits apply to the reassembled message). Java-WebSocket checks only
 * single frames and the first and last fragment, so without this a message that is never finished grows
 * until the heap is gone. One instance per connection.
 */
final class MessageSizeLimit {

    private final int maxTextBytes;
    private final int maxBinaryBytes;
    /** TEXT or BINARY while a message is being received, null between messages. */
    private Opcode messageKind;
    private long messageBytes;

    MessageSizeLimit(int maxTextBytes, int maxBinaryBytes) {
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    /**
     * Adds a frame to the message it belongs to.
     *
     * @throws LimitExceededException (close code 1009) when the message is now over its limit
     */
    void count(Framedata frame) throws LimitExceededException {
        Opcode opcode = frame.getOpcode();
        if (opcode == Opcode.TEXT || opcode == Opcode.BINARY) {
            messageKind = opcode;
            messageBytes = 0;
        } else if (opcode != Opcode.CONTINUOUS || messageKind == null) {
            return; // control frames belong to no message; a stray continuation is the library's protocol error
        }
        messageBytes += frame.getPayloadData().remaining();
        int limit = messageKind == Opcode.TEXT ? maxTextBytes : maxBinaryBytes;
        if (messageBytes > limit) {
            String kind = messageKind == Opcode.TEXT ? "Text" : "Binary";
            reset();
            throw new LimitExceededException(kind + " message over " + limit + " bytes", limit);
        }
        if (frame.isFin()) {
            reset();
        }
    }

    void reset() {
        messageKind = null;
        messageBytes = 0;
    }
}
