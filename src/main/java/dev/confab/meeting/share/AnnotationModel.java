package dev.confab.meeting.share;


import dev.confab.meeting.ShareAnnotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The drawings on one screen share, by author, in shared coordinates (0..1 of the shared frame). Applies the
 * same operations locally and from the network, so every participant ends up with the same picture: undo
 * removes only the author's own shape, clear by the sharer removes everything, clear by a viewer removes
 * that viewer's shapes. Thread-safe; listeners run on the thread that changed the model.
 */
public final class AnnotationModel {

    /** One shape as drawn. */
    public record Shape(int authorId, String id, ShareAnnotation annotation) {
    }

    private final int sharerId;
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public AnnotationModel(int sharerId) {
        this.sharerId = sharerId;
    }

    public int sharerId() {
        return sharerId;
    }

    /** Applies an operation by {@code authorId}; invalid ones (see {@link ShareAnnotation#problem()}) are ignored. */
    public void apply(int authorId, ShareAnnotation annotation) {
        if (annotation.problem() != null) {
            return;
        }
        synchronized (this) {
            switch (annotation.op()) {
                case STROKE, TEXT -> {
                    shapes.removeIf(s -> s.authorId() == authorId && s.id().equals(annotation.id()));
                    shapes.add(new Shape(authorId, annotation.id(), annotation));
                }
                case UNDO -> shapes.removeIf(s -> s.authorId() == authorId && s.id().equals(annotation.id()));
                case CLEAR -> shapes.removeIf(s -> authorId == sharerId || s.authorId() == authorId);
            }
        }
        listeners.forEach(Runnable::run);
    }

    /** The id of {@code authorId}'s most recent shape, for Undo; null when the author has none left. */
    public synchronized String lastShapeOf(int authorId) {
        for (int i = shapes.size() - 1; i >= 0; i--) {
            if (shapes.get(i).authorId() == authorId) {
                return shapes.get(i).id();
            }
        }
        return null;
    }

    /** The shapes in drawing order (oldest first). */
    public synchronized List<Shape> shapes() {
        return List.copyOf(shapes);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
