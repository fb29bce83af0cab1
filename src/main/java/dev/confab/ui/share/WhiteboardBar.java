package dev.confab.ui.share;

import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import dev.confab.ui.common.Buttons;
import dev.confab.ui.common.UiText;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A whiteboard's own controls, in the share's title row so the board keeps the height: which page is shown, and
 * for its sharer Previous / Next / Add page as icons (everyone follows the sharer's page); for everyone Save PNG
 * (the page shown) and Save PDF (every page), each into a folder the user picks, only on this computer. What a save
 * did is told by {@link #status()}, which the share stage shows beside the drawing tools.
 */
public final class WhiteboardBar extends HBox {

    private final UiText text;
    private final AnnotationModel board;
    private final Label page = new Label();
    private final Label status = new Label();
    private final Button previous;
    private final Button next;
    private final Button add;
    private Supplier<Path> folderChooser = this::askForFolder;

    /**
     * @param overlay the board's overlay, through which the sharer turns pages (applied here and sent to everyone)
     * @param sharer  whether this user shares the board (only the sharer turns or adds pages)
     */
    public WhiteboardBar(UiText text, AnnotationOverlay overlay, boolean sharer) {
        this.text = text;
        this.board = overlay.model();
        setId("whiteboardBar");
        setSpacing(4);
        setAlignment(Pos.CENTER_RIGHT);
        setMinWidth(USE_PREF_SIZE);
        page.setId("whiteboardPage");
        status.setId("whiteboardStatus");
        page.setPadding(new Insets(0, 4, 0, 0));
        previous = Buttons.icon(text, "whiteboardPrevious", MaterialDesignC.CHEVRON_LEFT, "whiteboard.previous",
                () -> overlay.turnPage(board.page() - 1));
        next = Buttons.icon(text, "whiteboardNext", MaterialDesignC.CHEVRON_RIGHT, "whiteboard.next",
                () -> overlay.turnPage(board.page() + 1));
        add = Buttons.icon(text, "whiteboardAddPage", MaterialDesignP.PLUS, "whiteboard.addPage",
                () -> overlay.turnPage(board.pageCount()));
        Button png = Buttons.of(text, "whiteboardSavePng", "whiteboard.savePng", () -> save(WhiteboardExport::savePng));
        Button pdf = Buttons.of(text, "whiteboardSavePdf", "whiteboard.savePdf", () -> save(WhiteboardExport::savePdf));
        for (Button pageButton : new Button[] {previous, next, add}) {
            pageButton.setVisible(sharer);
            pageButton.setManaged(sharer);
        }
        getChildren().addAll(page, previous, next, add, png, pdf);
        board.addListener(() -> Platform.runLater(this::showPage));
        text.localeProperty().addListener((obs, old, now) -> showPage());
        showPage();
    }

    /** "Saved on this computer: …" or why saving failed; empty until the user saves. */
    public Label status() {
        return status;
    }

    /** Where Save writes; by default the user picks a folder each time. For tests and the screenshot tour. */
    public void setFolderChooser(Supplier<Path> chooser) {
        folderChooser = chooser;
    }

    private void showPage() {
        int shown = board.page();
        int count = board.pageCount();
        page.setText(text.get("whiteboard.page", shown + 1, count));
        previous.setDisable(shown == 0);
        next.setDisable(shown >= count - 1);
        add.setDisable(count >= ShareAnnotation.MAX_PAGES);
    }

    private void save(BiFunction<AnnotationModel, Path, CompletableFuture<Path>> export) {
        Path folder = folderChooser.get();
        if (folder == null) {
            return; // the user cancelled the folder dialog
        }
        status.setText("");
        export.apply(board, folder).whenComplete((file, error) -> Platform.runLater(() -> status.setText(error == null
                ? text.get("whiteboard.saved", file.toString()) : text.get("whiteboard.saveFailed"))));
    }

    private Path askForFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(text.get("whiteboard.chooseFolder"));
        File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        return folder == null ? null : folder.toPath();
    }
}
