package dev.confab.ui.screenshots;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Compares a screenshot with its committed reference picture in {@code src/test/resources/screenshots-reference/}.
 * A pixel counts as changed when a colour channel differs by more than {@link #TOLERANCE}; the screenshot
 * fails when more than {@link #MAX_CHANGED_FRACTION} of the compared pixels changed, or when its size changed
 * (a broken layout does both). Live regions ({@link LiveRegions}) are not compared. On a mismatch the picture
 * of the changes goes to {@code target/screenshots/diff/}.
 *
 * <p>{@code -Dscreenshots.update=true} writes the current screenshots as the new references instead (see
 * README.md "Screenshots"); the references must be made in the same headless environment as the tests run in
 * (the fonts that .ci/run installs).
 */
public final class ScreenshotReferences {
    public static final String UPDATE_PROPERTY = "screenshots.update";
    public static final int TOLERANCE = 40;
    public static final double MAX_CHANGED_FRACTION = 0.002;

    private final Path references;
    private final Path diffs;
    private final boolean update;

    public ScreenshotReferences(Path projectDir, Path screenshotsDir) {
        this(projectDir.resolve("src/test/resources/screenshots-reference"), screenshotsDir.resolve("diff"),
                Boolean.getBoolean(UPDATE_PROPERTY));
    }

    ScreenshotReferences(Path references, Path diffs, boolean update) {
        this.references = references;
        this.diffs = diffs;
        this.update = update;
    }

    /**
     * Checks {@code actual} against the reference {@code <name>.png} (or writes it, in update mode).
     *
     * @throws AssertionError with what changed and where the pictures are
     */
    public void check(String name, BufferedImage actual, List<Rectangle> liveRegions) throws IOException {
        Path reference = references.resolve(name + ".png");
        if (update) {
            Files.createDirectories(references);
            ImageIO.write(actual, "png", reference.toFile());
            return;
        }
        if (!Files.exists(reference)) {
            throw new AssertionError("No reference picture " + reference + " for screenshot " + name
                    + "; make it with -D" + UPDATE_PROPERTY + "=true (README.md \"Screenshots\")");
        }
        BufferedImage expected = ImageIO.read(reference.toFile());
        if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
            Files.createDirectories(diffs);
            ImageIO.write(actual, "png", diffs.resolve(name + "-actual.png").toFile());
            throw new AssertionError("Screenshot " + name + " is " + actual.getWidth() + "×" + actual.getHeight()
                    + " pixels, its reference " + expected.getWidth() + "×" + expected.getHeight() + ": the layout changed. "
                    + "Compare " + diffs.resolve(name + "-actual.png") + " with " + reference + "; if the change is intended, "
                    + "update the references with -D" + UPDATE_PROPERTY + "=true (README.md \"Screenshots\")");
        }
        PixelComparison.Result result = new PixelComparison(TOLERANCE).compare(expected, actual, liveRegions);
        if (result.fraction() > MAX_CHANGED_FRACTION) {
            Files.createDirectories(diffs);
            Path diff = diffs.resolve(name + "-diff.png");
            ImageIO.write(result.diff(), "png", diff.toFile());
            ImageIO.write(actual, "png", diffs.resolve(name + "-actual.png").toFile());
            throw new AssertionError(String.format(Locale.ROOT,
                    "Screenshot %s differs from its reference in %d of %d compared pixels (%.2f%%, at most %.2f%% allowed). "
                            + "Changed pixels are red in %s (blue: live regions, not compared); reference %s. "
                            + "If the change is intended, update the references with -D%s=true (README.md \"Screenshots\")",
                    name, result.differing(), result.compared(), 100 * result.fraction(), 100 * MAX_CHANGED_FRACTION,
                    diff, reference, UPDATE_PROPERTY));
        }
    }
}
