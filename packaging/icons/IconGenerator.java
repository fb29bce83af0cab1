/*
 * Draws Confab's icon at every size the installers need and writes the PNGs plus a Windows .ico and a macOS
 * .icns (both are plain containers of PNG images, so no platform tools are needed).
 *
 *   java packaging/icons/IconGenerator.java packaging
 *
 * The shapes are drawn afresh at each size instead of scaling one bitmap, so 16 px stays crisp.
 */

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class IconGenerator {

    static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};
    static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};
    /** icns entry types holding PNG data, by pixel size (Apple's "ic*" / "icp*" codes). */
    static final Map<String, Integer> ICNS_TYPES = new LinkedHashMap<>();

    static {
        ICNS_TYPES.put("icp4", 16);
        ICNS_TYPES.put("icp5", 32);
        ICNS_TYPES.put("icp6", 64);
        ICNS_TYPES.put("ic07", 128);
        ICNS_TYPES.put("ic08", 256);
        ICNS_TYPES.put("ic09", 512);
        ICNS_TYPES.put("ic10", 1024);
        ICNS_TYPES.put("ic11", 32);   // 16@2x
        ICNS_TYPES.put("ic12", 64);   // 32@2x
        ICNS_TYPES.put("ic13", 256);  // 128@2x
        ICNS_TYPES.put("ic14", 512);  // 256@2x
    }

    public static void main(String[] args) throws IOException {
        Path packaging = Path.of(args.length > 0 ? args[0] : "packaging");
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : PNG_SIZES) {
            png.put(size, encode(draw(size)));
            Files.write(packaging.resolve("icons").resolve("confab-" + size + ".png"), png.get(size));
        }
        // jpackage picks these up by name from --resource-dir / --icon.
        Files.write(packaging.resolve("linux").resolve("Confab.png"), png.get(256));
        Files.write(packaging.resolve("windows").resolve("Confab.ico"), ico(png));
        Files.write(packaging.resolve("macos").resolve("Confab.icns"), icns(png));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size;
        // Tile: a rounded square with a calm blue-to-teal gradient and a small margin for OS drop shadows.
        double m = s * 0.04;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2F5BEA), (float) s, (float) s, new Color(0x14B8A6)));
        g.fill(new RoundRectangle2D.Double(m, m, s - 2 * m, s - 2 * m, s * 0.44, s * 0.44));

        // A white speech bubble with its tail at the lower left: "a conversation".
        double bx = s * 0.20, by = s * 0.22, bw = s * 0.60, bh = s * 0.44;
        Path2D bubble = new Path2D.Double();
        bubble.append(new RoundRectangle2D.Double(bx, by, bw, bh, s * 0.20, s * 0.20), false);
        Path2D tail = new Path2D.Double();
        tail.moveTo(bx + bw * 0.22, by + bh - s * 0.02);
        tail.lineTo(bx + bw * 0.14, by + bh + s * 0.16);
        tail.lineTo(bx + bw * 0.46, by + bh - s * 0.02);
        tail.closePath();
        bubble.append(tail, false);
        g.setColor(Color.WHITE);
        g.fill(bubble);

        // Three dots inside the bubble; at 16 px they merge into a readable bar, which is fine.
        g.setColor(new Color(0x2F5BEA));
        double r = Math.max(s * 0.055, 1.2);
        double cy = by + bh / 2;
        for (int i = -1; i <= 1; i++) {
            double cx = bx + bw / 2 + i * s * 0.15;
            g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        if (size >= 48) { // a hairline edge only where it can be seen
            g.setColor(new Color(255, 255, 255, 60));
            g.setStroke(new BasicStroke((float) Math.max(1, s / 128)));
            g.draw(new RoundRectangle2D.Double(m, m, s - 2 * m - 1, s - 2 * m - 1, s * 0.44, s * 0.44));
        }
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO: 6-byte header, one 16-byte directory entry per image, then the PNG data (Vista+ format). */
    static byte[] ico(Map<Integer, byte[]> png) {
        List<Integer> sizes = java.util.Arrays.stream(ICO_SIZES).boxed().toList();
        int offset = 6 + 16 * sizes.size();
        int total = offset + sizes.stream().mapToInt(sz -> png.get(sz).length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        for (int size : sizes) {
            byte[] data = png.get(size);
            b.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            b.put((byte) 0).put((byte) 0);                 // no palette, reserved
            b.putShort((short) 1).putShort((short) 32);    // colour planes, bits per pixel
            b.putInt(data.length).putInt(offset);
            offset += data.length;
        }
        sizes.forEach(sz -> b.put(png.get(sz)));
        return b.array();
    }

    /** ICNS: big-endian "icns" + total length, then entries of 4-char type + length (incl. 8-byte header) + PNG. */
    static byte[] icns(Map<Integer, byte[]> png) {
        int total = 8 + ICNS_TYPES.values().stream().mapToInt(sz -> 8 + png.get(sz).length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(total);
        ICNS_TYPES.forEach((type, size) -> {
            byte[] data = png.get(size);
            b.put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + data.length).put(data);
        });
        return b.array();
    }
}
