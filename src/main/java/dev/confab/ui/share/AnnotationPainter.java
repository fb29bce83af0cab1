package dev.confab.ui.share;

import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.share.AnnotationModel;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;

import java.util.List;

/**
 * Draws annotation shapes (shared coordinates, 0..1) into a picture area of a canvas: the overlay on screen and the
 * whiteboard's saved pages use the same strokes, so what is saved is what was seen.
 */
final class AnnotationPainter {
    private static final double HIGHLIGHTER_OPACITY = 0.35;

    private AnnotationPainter() {
    }

    /** Every shape, oldest first, into {@code area}. */
    static void paint(GraphicsContext g, List<AnnotationModel.Shape> shapes, Rectangle2D area) {
        for (AnnotationModel.Shape shape : shapes) {
            ShareAnnotation a = shape.annotation();
            Color c = Color.web(a.color());
            if (a.op() == ShareAnnotation.Op.TEXT) {
                g.setGlobalAlpha(1);
                g.setFill(c);
                g.setFont(Font.font(Math.max(10, a.width() * area.getWidth() * 6)));
                g.setTextBaseline(VPos.TOP);
                g.fillText(a.text(), area.getMinX() + a.points().get(0) * area.getWidth(),
                        area.getMinY() + a.points().get(1) * area.getHeight());
            } else {
                paintPoints(g, a.tool(), c, a.width(), a.points(), area);
            }
        }
        g.setGlobalAlpha(1);
    }

    /** One stroke (or an arrow with its head) through {@code points}. */
    static void paintPoints(GraphicsContext g, ShareAnnotation.Tool tool, Color color, double width,
                            List<Double> points, Rectangle2D area) {
        if (points.size() < 2) {
            return;
        }
        g.setGlobalAlpha(tool == ShareAnnotation.Tool.HIGHLIGHTER ? HIGHLIGHTER_OPACITY : 1);
        g.setStroke(color);
        g.setLineWidth(Math.max(1, width * area.getWidth()));
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.beginPath();
        for (int i = 0; i < points.size(); i += 2) {
            double x = area.getMinX() + points.get(i) * area.getWidth();
            double y = area.getMinY() + points.get(i + 1) * area.getHeight();
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        if (tool == ShareAnnotation.Tool.ARROW && points.size() == 4) {
            double x1 = area.getMinX() + points.get(0) * area.getWidth();
            double y1 = area.getMinY() + points.get(1) * area.getHeight();
            double x2 = area.getMinX() + points.get(2) * area.getWidth();
            double y2 = area.getMinY() + points.get(3) * area.getHeight();
            double angle = Math.atan2(y2 - y1, x2 - x1);
            double head = Math.max(8, width * area.getWidth() * 5);
            g.beginPath();
            g.moveTo(x2 - head * Math.cos(angle - Math.PI / 7), y2 - head * Math.sin(angle - Math.PI / 7));
            g.lineTo(x2, y2);
            g.lineTo(x2 - head * Math.cos(angle + Math.PI / 7), y2 - head * Math.sin(angle + Math.PI / 7));
            g.stroke();
        }
        g.setGlobalAlpha(1);
    }
}
