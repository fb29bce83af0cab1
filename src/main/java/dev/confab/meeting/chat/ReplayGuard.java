package dev.confab.meeting.chat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which message ids each sender has used in this meeting, so a message the server (or anyone)
 * sends again is shown only once. Not thread-safe: used on the session's event thread.
 */
public final class ReplayGuard {

    private final Map<Integer, Set<String>> seen = new HashMap<>();

    /** True the first time a sender's message id is seen, false for every repeat. */
    public boolean firstTime(int senderId, String messageId) {
        return seen.computeIfAbsent(senderId, id -> new HashSet<>()).add(messageId);
    }
}
