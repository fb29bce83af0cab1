package dev.confab.meeting;

import java.time.Instant;
import java.util.List;

/**
 * A chat message, decrypted: received from another participant, or sent by this client (then {@code fromId} is
 * the own id). Everything except {@code fromName} and {@code sentAt} was authenticated end to end.
 *
 * @param fromName     sender's display name at the time, or "#id" if the sender already left
 * @param direct       true for a private message to {@code recipientIds} rather than to everyone
 * @param sentAt       when the server relayed it (for own messages: when it was handed to the server)
 * @param recipientIds who the sender encrypted it for (everyone present for a public message)
 */
public record ChatMessage(int fromId, String fromName, String text, boolean direct, Instant sentAt,
                          List<Integer> recipientIds) {

    /** Longest message in characters (Unicode code points, so an emoji counts as one). */
    public static final int MAX_CHARACTERS = 4_000;

    public ChatMessage {
        recipientIds = List.copyOf(recipientIds);
    }

    /** The length the user sees counted against {@link #MAX_CHARACTERS}. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
