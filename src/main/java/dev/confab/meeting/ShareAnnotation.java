package dev.confab.meeting;

import dev.confab.protocol.Annotation;

import java.util.List;
import java.util.Objects;

/**
 * One drawing operation on a screen share, in shared coordinates: x and y from 0 to 1 across the shared
 * frame's width and height, so every viewer draws it in the same place whatever its zoom. The rules for
 * what is acceptable are the server's ({@link #problem()}).
 *
 * @param op     what to do; {@code UNDO} removes the author's shape {@code id}; {@code CLEAR} removes all shapes
 *               (from the sharer) or all of the author's own shapes (from a viewer)
 * @param id     the shape's id, chosen by its author; required for STROKE, TEXT and UNDO
 * @param tool   PEN, HIGHLIGHTER or ARROW for a STROKE; TEXT for a TEXT
 * @param color  {@code #RRGGBB}
 * @param width  line width as a fraction of the frame width
 * @param points flat list x0, y0, x1, y1, ... (an arrow: tail then head; text: its top-left corner)
 * @param text   the words of a TEXT shape
 * @param page   for PAGE only (the sharer of a whiteboard): the page everyone shows now; one past the last adds one
 */
public record ShareAnnotation(Op op, String id, Tool tool, String color, Double width, List<Double> points,
                              String text, Integer page) {

    /** Most coordinates (x and y counted apart) one stroke may have. */
    public static final int MAX_POINTS = Annotation.MAX_POINTS;

    /** Most pages a whiteboard may have. */
    public static final int MAX_PAGES = Annotation.MAX_PAGES;

    public enum Op { STROKE, TEXT, UNDO, CLEAR, PAGE }

    public enum Tool { PEN, HIGHLIGHTER, ARROW, TEXT }

    public ShareAnnotation {
        Objects.requireNonNull(op, "op");
        points = points == null ? null : List.copyOf(points);
    }

    public ShareAnnotation(Op op, String id, Tool tool, String color, Double width, List<Double> points, String text) {
        this(op, id, tool, color, width, points, text, null);
    }

    public static ShareAnnotation stroke(String id, Tool tool, String color, double width, List<Double> points) {
        return new ShareAnnotation(Op.STROKE, id, tool, color, width, points, null);
    }

    public static ShareAnnotation text(String id, String color, double width, double x, double y, String text) {
        return new ShareAnnotation(Op.TEXT, id, Tool.TEXT, color, width, List.of(x, y), text);
    }

    public static ShareAnnotation undo(String id) {
        return new ShareAnnotation(Op.UNDO, id, null, null, null, null, null);
    }

    public static ShareAnnotation clear() {
        return new ShareAnnotation(Op.CLEAR, null, null, null, null, null, null);
    }

    public static ShareAnnotation page(int page) {
        return new ShareAnnotation(Op.PAGE, null, null, null, null, null, null, page);
    }

    /** Why the server would refuse this annotation, or null when it is acceptable. */
    public String problem() {
        return ProtocolMapping.toWire(this).problem();
    }
}
