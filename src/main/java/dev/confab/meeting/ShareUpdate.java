package dev.confab.meeting;

/**
 * A screen share started, changed whether viewers may annotate, or stopped.
 *
 * @param participantId the sharer
 * @param stoppedBy     the host's id when the host ended someone else's share, else null
 * @param whiteboard    the share is a whiteboard: a blank board drawn with annotations, no shared picture
 */
public record ShareUpdate(int participantId, boolean sharing, boolean allowViewerAnnotation, Integer stoppedBy,
                          boolean whiteboard) {

    /** A screen share. */
    public ShareUpdate(int participantId, boolean sharing, boolean allowViewerAnnotation, Integer stoppedBy) {
        this(participantId, sharing, allowViewerAnnotation, stoppedBy, false);
    }
}
