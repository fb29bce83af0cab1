package dev.confab.meeting;

import java.util.List;
import java.util.Objects;

/**
 * Everything drawn on one share, as its sharer hands it to someone who joins during the share: every page's
 * shapes (oldest first) and the page shown. A screen share has one page.
 *
 * @param sharerId whose share
 * @param page     the page shown now, 0-based
 * @param pages    the shapes of each page, oldest first
 * @param omitted  how many of the oldest shapes the sharer left out to stay within the size bound
 */
public record AnnotationSnapshot(int sharerId, int page, List<List<Drawn>> pages, int omitted) {

    /** One shape and who drew it. */
    public record Drawn(int authorId, ShareAnnotation annotation) {
        public Drawn {
            Objects.requireNonNull(annotation, "annotation");
        }
    }

    public AnnotationSnapshot {
        pages = pages.stream().map(List::copyOf).toList();
        if (pages.isEmpty() || page < 0 || page >= pages.size()) {
            throw new IllegalArgumentException("page " + page + " of " + pages.size());
        }
    }

    /** How many shapes, on all pages. */
    public int shapeCount() {
        return pages.stream().mapToInt(List::size).sum();
    }
}
