package dev.confab.meeting;

import java.time.Instant;

/**
 * A chat message received in the meeting.
 *
 * @param fromName sender's display name at the time, or "#id" if the sender already left
 * @param direct   true when it was sent to selected participants rather than everyone
 */
public record ChatMessage(int fromId, String fromName, String text, boolean direct, Instant sentAt) {
}
