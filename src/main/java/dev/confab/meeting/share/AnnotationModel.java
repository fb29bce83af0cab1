package dev.confab.meeting.share;


import dev.confab.meeting.AnnotationSnapshot;
import dev.confab.meeting.ShareAnnotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The drawings on one share, by author, in shared coordinates (0..1 of the shared frame), on one or more pages
 * (a whiteboard's; a screen share has one). Applies the same operations locally and from the network, so every
 * participant ends up with the same picture: undo removes only the author's own shape, clear by the sharer
 * removes everything on the page shown, clear by a viewer removes that viewer's shapes there, and only the
 * sharer turns or adds pages. Thread-safe; listeners run on the thread that changed the model.
 */
public final class AnnotationModel {

    /** One shape as drawn. */
    public record Shape(int authorId, String id, ShareAnnotation annotation) {
    }

    private final int sharerId;
    private final List<List<Shape>> pages = new ArrayList<>(List.of(new ArrayList<>()));
    private int page;
    private int omitted;
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
            List<Shape> shapes = pages.get(page);
            switch (annotation.op()) {
                case STROKE, TEXT -> {
                    shapes.removeIf(s -> s.authorId() == authorId && s.id().equals(annotation.id()));
                    shapes.add(new Shape(authorId, annotation.id(), annotation));
                }
                case UNDO -> shapes.removeIf(s -> s.authorId() == authorId && s.id().equals(annotation.id()));
                case CLEAR -> shapes.removeIf(s -> authorId == sharerId || s.authorId() == authorId);
                case PAGE -> {
                    if (authorId != sharerId || annotation.page() > pages.size()) {
                        return;
                    }
                    if (annotation.page() == pages.size()) {
                        pages.add(new ArrayList<>());
                    }
                    page = annotation.page();
                }
            }
        }
        listeners.forEach(Runnable::run);
    }

    /** Replaces everything with what the sharer handed over (this participant joined during the share). */
    public void restore(AnnotationSnapshot snapshot) {
        synchronized (this) {
            pages.clear();
            for (List<AnnotationSnapshot.Drawn> shapes : snapshot.pages()) {
                List<Shape> restored = new ArrayList<>();
                shapes.forEach(d -> restored.add(new Shape(d.authorId(), d.annotation().id(), d.annotation())));
                pages.add(restored);
            }
            page = snapshot.page();
            omitted = snapshot.omitted();
        }
        listeners.forEach(Runnable::run);
    }

    /** Everything drawn, for someone who joins now. */
    public synchronized AnnotationSnapshot snapshot() {
        List<List<AnnotationSnapshot.Drawn>> all = pages.stream()
                .map(shapes -> shapes.stream().map(s -> new AnnotationSnapshot.Drawn(s.authorId(), s.annotation())).toList())
                .toList();
        return new AnnotationSnapshot(sharerId, page, all, omitted);
    }

    /** The id of {@code authorId}'s most recent shape on the page shown, for Undo; null when there is none. */
    public synchronized String lastShapeOf(int authorId) {
        List<Shape> shapes = pages.get(page);
        for (int i = shapes.size() - 1; i >= 0; i--) {
            if (shapes.get(i).authorId() == authorId) {
                return shapes.get(i).id();
            }
        }
        return null;
    }

    /** The shapes on the page shown, in drawing order (oldest first). */
    public synchronized List<Shape> shapes() {
        return List.copyOf(pages.get(page));
    }

    /** The shapes on page {@code index} (0-based), oldest first. */
    public synchronized List<Shape> shapesOn(int index) {
        return List.copyOf(pages.get(index));
    }

    /** The page shown, 0-based. */
    public synchronized int page() {
        return page;
    }

    public synchronized int pageCount() {
        return pages.size();
    }

    /** How many of the oldest shapes the sharer left out when it handed the state to this participant. */
    public synchronized int omitted() {
        return omitted;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
