package dev.confab.ui.share;

import dev.confab.meeting.share.AnnotationModel;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Saves a whiteboard on this computer, in a folder the user picked: the page shown as PNG, or every page as a PDF
 * (one PDF page per board page). The pages are painted afresh from the drawing (the same painter as the screen) at
 * {@link #WIDTH}×{@link #HEIGHT}, so a save never depends on the window's size. Nothing is uploaded, and Confab
 * keeps no copy. Painting happens on the FX thread, encoding and writing on a background thread.
 */
public final class WhiteboardExport {

    /** Pixels of a saved page (16:9, the board's shape). */
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    /** A PDF page: 16:9 at 960×540 points, so the picture prints at 144 dpi. */
    private static final PDRectangle PDF_PAGE = new PDRectangle(960, 540);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private WhiteboardExport() {
    }

    /** Writes the page shown as {@code confab-whiteboard-<time>-page-<n>.png} in {@code folder}. FX thread. */
    public static CompletableFuture<Path> savePng(AnnotationModel board, Path folder) {
        int page = board.page();
        WritableImage image = paint(board.shapesOn(page));
        Path file = folder.resolve("confab-whiteboard-" + LocalDateTime.now().format(FILE_TIME) + "-page-" + (page + 1) + ".png");
        return CompletableFuture.supplyAsync(() -> {
            write(file, target -> ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", target.toFile()));
            return file;
        });
    }

    /** Writes every page, in order, as {@code confab-whiteboard-<time>.pdf} in {@code folder}. FX thread. */
    public static CompletableFuture<Path> savePdf(AnnotationModel board, Path folder) {
        List<WritableImage> pages = IntStream.range(0, board.pageCount()).mapToObj(i -> paint(board.shapesOn(i))).toList();
        Path file = folder.resolve("confab-whiteboard-" + LocalDateTime.now().format(FILE_TIME) + ".pdf");
        return CompletableFuture.supplyAsync(() -> {
            write(file, target -> {
                try (PDDocument document = new PDDocument()) {
                    for (WritableImage page : pages) {
                        addPage(document, SwingFXUtils.fromFXImage(page, null));
                    }
                    document.save(target.toFile());
                }
            });
            return file;
        });
    }

    private static void addPage(PDDocument document, BufferedImage picture) throws IOException {
        PDPage page = new PDPage(PDF_PAGE);
        document.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(document, picture);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.drawImage(image, 0, 0, PDF_PAGE.getWidth(), PDF_PAGE.getHeight());
        }
    }

    /** One board page: white, with its shapes. FX thread. */
    private static WritableImage paint(List<AnnotationModel.Shape> shapes) {
        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        AnnotationPainter.paint(g, shapes, new Rectangle2D(0, 0, WIDTH, HEIGHT));
        return canvas.snapshot(null, new WritableImage(WIDTH, HEIGHT));
    }

    private interface Writer {
        void writeTo(Path target) throws IOException;
    }

    /** Writes to a temporary file beside {@code file}, then renames it: no half-written file is ever left. */
    private static void write(Path file, Writer writer) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".confab-whiteboard-", ".part");
            try {
                writer.writeTo(temporary);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
