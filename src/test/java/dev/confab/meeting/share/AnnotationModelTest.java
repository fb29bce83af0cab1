package dev.confab.meeting.share;

import dev.confab.meeting.ShareAnnotation;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class AnnotationModelTest {
    private static final int SHARER = 1;
    private static final int VIEWER = 2;
    private static final int OTHER = 3;

    private static ShareAnnotation line(String id) {
        return ShareAnnotation.stroke(id, ShareAnnotation.Tool.PEN, "#112233", 0.01, List.of(0.1, 0.1, 0.2, 0.2));
    }

    private static List<String> ids(AnnotationModel model) {
        return model.shapes().stream().map(s -> s.authorId() + ":" + s.id()).toList();
    }

    @Test
    void undoRemovesOnlyTheAuthorsOwnShape() {
        AnnotationModel model = new AnnotationModel(SHARER);
        model.apply(VIEWER, line("x"));
        model.apply(OTHER, line("x"));
        model.apply(OTHER, ShareAnnotation.undo("x"));
        assertThat(ids(model)).containsExactly("2:x");
        assertThat(model.lastShapeOf(VIEWER)).isEqualTo("x");
        assertThat(model.lastShapeOf(OTHER)).isNull();
    }

    @Test
    void clearBySharerRemovesEverythingClearByAViewerOnlyItsOwn() {
        AnnotationModel model = new AnnotationModel(SHARER);
        model.apply(SHARER, line("a"));
        model.apply(VIEWER, line("b"));
        model.apply(OTHER, line("c"));
        model.apply(VIEWER, ShareAnnotation.clear());
        assertThat(ids(model)).containsExactly("1:a", "3:c");
        model.apply(SHARER, ShareAnnotation.clear());
        assertThat(model.shapes()).isEmpty();
    }

    @Test
    void theSameIdFromTheSameAuthorReplacesTheShapeAndInvalidOperationsAreIgnored() {
        AnnotationModel model = new AnnotationModel(SHARER);
        AtomicInteger changes = new AtomicInteger();
        model.addListener(changes::incrementAndGet);
        model.apply(VIEWER, line("a"));
        model.apply(VIEWER, ShareAnnotation.text("a", "#000000", 0.01, 0.5, 0.5, "hi"));
        assertThat(model.shapes()).singleElement().extracting(s -> s.annotation().op()).isEqualTo(ShareAnnotation.Op.TEXT);
        model.apply(VIEWER, ShareAnnotation.stroke("b", ShareAnnotation.Tool.PEN, "#000000", 0.01, List.of(2.0, 0.0)));
        assertThat(model.shapes()).hasSize(1);
        assertThat(changes).hasValue(2);
    }

    @Test
    void onlyTheSharerTurnsOrAddsPagesAndEachPageKeepsItsOwnShapes() {
        AnnotationModel board = new AnnotationModel(1);
        ShareAnnotation first = ShareAnnotation.stroke("1-1", ShareAnnotation.Tool.PEN, "#000000", 0.003, List.of(0.1, 0.1, 0.2, 0.2));
        board.apply(1, first);
        board.apply(2, ShareAnnotation.page(1));
        assertThat(board.pageCount()).as("a viewer cannot add a page").isEqualTo(1);
        board.apply(1, ShareAnnotation.page(2));
        assertThat(board.pageCount()).as("no gap: only one past the last adds a page").isEqualTo(1);

        board.apply(1, ShareAnnotation.page(1));
        assertThat(board.page()).isEqualTo(1);
        assertThat(board.shapes()).isEmpty();
        board.apply(2, ShareAnnotation.text("2-1", "#FF0000", 0.006, 0.5, 0.5, "hi"));
        board.apply(1, ShareAnnotation.clear());
        assertThat(board.shapes()).as("clear empties the page shown only").isEmpty();
        board.apply(1, ShareAnnotation.page(0));
        assertThat(board.shapes()).extracting(AnnotationModel.Shape::annotation).containsExactly(first);

        AnnotationModel copy = new AnnotationModel(1);
        copy.restore(board.snapshot());
        assertThat(copy.snapshot()).isEqualTo(board.snapshot());
        assertThat(copy.pageCount()).isEqualTo(2);
    }
}
