package dev.confab.meeting;

import java.util.Objects;

/** Someone else ({@code authorId}) drew on, undid or cleared annotations of the share of {@code sharerId}. */
public record AnnotationReceived(int sharerId, int authorId, ShareAnnotation annotation) {

    public AnnotationReceived {
        Objects.requireNonNull(annotation, "annotation");
    }
}
