package dev.confab.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders hand-traced person outlines (.poly: one polygon per line, "x,y" points in the 512x288 crop, '#'
 * comments) into the black-and-white reference masks the segmentation quality test compares with.
 *
 * <pre>
 * java -cp target/test-classes dev.confab.tools.ReferenceMasks src/test/resources/dev/confab/media/effects/portraits/*.poly
 * </pre>
 * writes NAME-person.png beside each NAME.poly (white = person).
 */
public final class ReferenceMasks {
    private static final int WIDTH = 512;
    private static final int HEIGHT = 288;

    private ReferenceMasks() {
    }

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path outline = Path.of(arg);
            Path mask = outline.resolveSibling(outline.getFileName().toString().replaceFirst("\\.poly$", "-person.png"));
            ImageIO.write(render(outline), "png", mask.toFile());
            System.out.println(outline + " -> " + mask);
        }
    }

    static BufferedImage render(Path outline) throws IOException {
        BufferedImage mask = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D graphics = mask.createGraphics();
        graphics.setColor(Color.WHITE);
        for (String line : Files.readAllLines(outline)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Polygon polygon = new Polygon();
            for (String point : trimmed.split("\\s+")) {
                String[] xy = point.split(",");
                polygon.addPoint(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
            }
            graphics.fillPolygon(polygon);
        }
        graphics.dispose();
        return mask;
    }
}
