package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * One drawing operation on a screen share, in shared coordinates: x and y from 0 to 1 across the shared
 * frame's width and height, so every viewer draws it in the same place whatever its zoom.
 *
 * @param op     what to do; {@code UNDO} removes the author's shape {@code id}; {@code CLEAR} removes all shapes
 *               (from the sharer) or all of the author's own shapes (from a viewer)
 * @param id     the shape's id, chosen by its author (1–64 characters); required for STROKE, TEXT and UNDO
 * @param tool   PEN, HIGHLIGHTER, ARROW or TEXT (STROKE uses PEN, HIGHLIGHTER or ARROW; TEXT uses TEXT)
 * @param color  {@code #RRGGBB}
 * @param width  line width as a fraction of the frame width, in (0, 0.1]
 * @param points flat list x0, y0, x1, y1, ... (an arrow: tail then head; text: its top-left corner)
 * @param text   the words of a TEXT shape (1–500 characters)
 * @param page   for {@code PAGE} only: the whiteboard page to show, 0 to {@value #MAX_PAGES}−1 (one past the last
 *               page adds a page); sealed annotations only (docs/protocol.md section 6.5)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotation(@JsonProperty(required = true) Op op, String id, Tool tool, String color, Double width,
                         List<Double> points, String text, Integer page) {

    public static final int MAX_POINTS = 2_000;
    public static final int MAX_TEXT_LENGTH = 500;
    public static final int MAX_ID_LENGTH = 64;
    public static final double MAX_WIDTH = 0.1;
    /** Most pages a whiteboard may have. */
    public static final int MAX_PAGES = 50;

    public enum Op { STROKE, TEXT, UNDO, CLEAR, PAGE }

    public enum Tool { PEN, HIGHLIGHTER, ARROW, TEXT }

    public Annotation {
        Objects.requireNonNull(op, "op");
        points = points == null ? null : List.copyOf(points);
    }

    /** The shape and clearing operations, without a page (as before whiteboards). */
    public Annotation(Op op, String id, Tool tool, String color, Double width, List<Double> points, String text) {
        this(op, id, tool, color, width, points, text, null);
    }

    public static Annotation stroke(String id, Tool tool, String color, double width, List<Double> points) {
        return new Annotation(Op.STROKE, id, tool, color, width, points, null);
    }

    public static Annotation text(String id, String color, double width, double x, double y, String text) {
        return new Annotation(Op.TEXT, id, Tool.TEXT, color, width, List.of(x, y), text);
    }

    public static Annotation undo(String id) {
        return new Annotation(Op.UNDO, id, null, null, null, null, null);
    }

    public static Annotation clear() {
        return new Annotation(Op.CLEAR, null, null, null, null, null, null);
    }

    public static Annotation page(int page) {
        return new Annotation(Op.PAGE, null, null, null, null, null, null, page);
    }

    /** Why this annotation is not acceptable, or null when it is. */
    public String problem() {
        if (op == Op.CLEAR) {
            return null;
        }
        if (op == Op.PAGE) {
            return page == null || page < 0 || page >= MAX_PAGES ? "'page' must be 0 to " + (MAX_PAGES - 1) : null;
        }
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return "'id' must be 1 to " + MAX_ID_LENGTH + " characters";
        }
        if (op == Op.UNDO) {
            return null;
        }
        if (tool == null || (op == Op.TEXT) != (tool == Tool.TEXT)) {
            return "'tool' must be TEXT for op TEXT and PEN, HIGHLIGHTER or ARROW for op STROKE";
        }
        if (color == null || !color.matches("#[0-9A-Fa-f]{6}")) {
            return "'color' must be #RRGGBB";
        }
        if (width == null || !(width > 0 && width <= MAX_WIDTH)) {
            return "'width' must be in (0, " + MAX_WIDTH + "]";
        }
        if (points == null || points.size() < 2 || points.size() % 2 != 0 || points.size() > MAX_POINTS) {
            return "'points' must hold 1 to " + MAX_POINTS / 2 + " x,y pairs";
        }
        if (tool == Tool.ARROW && points.size() != 4) {
            return "an arrow has exactly two points";
        }
        for (Double value : points) {
            if (value == null || !(value >= 0 && value <= 1)) {
                return "'points' must lie in 0..1";
            }
        }
        if (op == Op.TEXT && (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH)) {
            return "'text' must be 1 to " + MAX_TEXT_LENGTH + " characters";
        }
        return null;
    }
}
