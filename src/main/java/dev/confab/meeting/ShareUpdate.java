package dev.confab.meeting;

/**
 * A screen share started, changed whether viewers may annotate, or stopped.
 *
 * @param participantId the sharer
 * @param stoppedBy     the host's id when the host ended someone else's share, else null
 */
public record ShareUpdate(int participantId, boolean sharing, boolean allowViewerAnnotation, Integer stoppedBy) {
}
